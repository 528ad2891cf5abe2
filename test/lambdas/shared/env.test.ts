import { MissingEnvironmentVariableError, requireEnv } from '../../../lambdas/shared/env';

describe('requireEnv', () => {
  it('returns a set variable', () => {
    expect(requireEnv('TABLE', { TABLE: 'customers' })).toBe('customers');
  });

  it.each([{}, { TABLE: '' }, { TABLE: '   ' }])(
    'fails naming the variable when it is missing or empty (%p)',
    (env) => {
      expect(() => requireEnv('TABLE', env)).toThrow(MissingEnvironmentVariableError);
      expect(() => requireEnv('TABLE', env)).toThrow('Missing required environment variable TABLE');
    },
  );
});
