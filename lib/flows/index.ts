export * from './action-types';
export * from './catalog';
export * from './contact-flows';
export * from './lint';
export * from './model';
export * from './placeholders';
export * from './references';
