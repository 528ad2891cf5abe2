import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ConfigSchema, parseConfig } from '../../lib/config';
import { ConnectRouting } from '../../lib/constructs/connect-routing';
import {
  calendarHorizon,
  closureOn,
  closurePeriods,
  OperatingCalendarError,
  type OperatingCalendarSettings,
} from '../../lib/operating-calendar';

const defaults: OperatingCalendarSettings = ConfigSchema.parse({}).calendar;

describe('operating calendar', () => {
  it('closes on national holidays, substitute holidays included', () => {
    expect(closureOn(defaults, '2027-03-22')).toEqual({
      date: '2027-03-22',
      kind: 'holiday',
      name: '春分の日 振替休日',
    });
    expect(closureOn(defaults, '2027-03-23')).toBeUndefined();
    expect(closureOn({ ...defaults, nationalHolidays: false }, '2027-03-22')).toBeUndefined();
  });

  it('closes over 年末年始 12/29–1/3 by default, which names 元日 too', () => {
    expect(closureOn(defaults, '2026-12-29')?.kind).toBe('year-end');
    expect(closureOn(defaults, '2027-01-03')?.kind).toBe('year-end');
    expect(closureOn(defaults, '2026-12-28')).toBeUndefined();
    expect(closureOn({ ...defaults, yearEndClosure: false }, '2027-01-01')).toMatchObject({
      kind: 'holiday',
      name: '元日',
    });
  });

  it('names a company closure over anything else on the same day', () => {
    const settings = { ...defaults, closures: [{ from: '2027-03-22', to: '2027-03-24', name: '棚卸し' }] };
    expect(closureOn(settings, '2027-03-24')).toMatchObject({ kind: 'company', name: '棚卸し' });
    expect(closurePeriods(settings, '2027-03-20', '2027-03-25')).toEqual([
      { kind: 'holiday', name: '春分の日', from: '2027-03-21', till: '2027-03-21' },
      { kind: 'company', name: '棚卸し', from: '2027-03-22', till: '2027-03-24' },
    ]);
  });

  it('merges consecutive days of one closure into one period', () => {
    expect(closurePeriods(defaults, '2026-12-25', '2027-01-12')).toEqual([
      { kind: 'year-end', name: '年末年始休業', from: '2026-12-29', till: '2027-01-03' },
      { kind: 'holiday', name: '成人の日', from: '2027-01-11', till: '2027-01-11' },
    ]);
  });

  it('deploys a horizon from the first day of the month, within Connect’s 50 overrides', () => {
    const horizon = calendarHorizon(defaults, new Date('2026-11-30T20:00:00Z'), 'Asia/Tokyo');
    // 2026-12-01 05:00 in Tokyo: the horizon starts in December.
    expect(horizon.from).toBe('2026-12-01');
    expect(horizon.till).toBe('2027-12-31');
    expect(horizon.periods.length).toBeLessThanOrEqual(50);
    expect(horizon.periods.map((p) => p.from)).toContain('2027-03-22');
  });

  it('refuses a horizon needing more than 50 overrides, naming the key to change', () => {
    const busy = { ...defaults, horizonMonths: 24, closures: [] as { from: string; name: string }[] };
    for (const month of ['06', '07']) {
      for (let d = 1; d <= 28; d += 2)
        busy.closures.push({ from: `2027-${month}-${String(d).padStart(2, '0')}`, name: `x${d}` });
    }
    expect(() => calendarHorizon(busy, new Date('2027-01-15T00:00:00Z'), 'Asia/Tokyo')).toThrow(OperatingCalendarError);
    expect(() => calendarHorizon(busy, new Date('2027-01-15T00:00:00Z'), 'Asia/Tokyo')).toThrow(
      /calendar\.horizonMonths/,
    );
  });
});

describe('calendar config', () => {
  it('rejects dates that do not exist and closures ending before they start, naming the key', () => {
    expect(() => parseConfig({ calendar: { closures: [{ from: '2027-02-30', name: 'x' }] } })).toThrow(
      /contactCenter\.calendar\.closures\[0\]\.from: expected a date that exists/,
    );
    expect(() =>
      parseConfig({ calendar: { closures: [{ from: '2027-05-02', to: '2027-05-01', name: 'x' }] } }),
    ).toThrow(/contactCenter\.calendar\.closures\[0\]\.to/);
    expect(() => parseConfig({ calendar: { yearEndClosure: { from: '12-32', to: '01-03' } } })).toThrow(
      /contactCenter\.calendar\.yearEndClosure/,
    );
  });

  it('reserves the OperatingCalendar hours name', () => {
    expect(() =>
      parseConfig({ hoursOfOperation: { OperatingCalendar: { schedule: {} }, BusinessHours: { schedule: {} } } }),
    ).toThrow(/contactCenter\.hoursOfOperation\.OperatingCalendar: "OperatingCalendar" is reserved/);
  });
});

describe('ConnectRouting with closures', () => {
  const config = ConfigSchema.parse({ calendar: { startDate: '2027-01-01', horizonMonths: 3 } });
  const stack = new Stack();
  new ConnectRouting(stack, 'Routing', {
    instanceArn: 'arn:aws:connect:ap-northeast-1:123456789012:instance/abc',
    timeZone: config.timeZone,
    hoursOfOperation: config.hoursOfOperation,
    queues: config.queues,
    routingProfile: config.routingProfile,
    closures: calendarHorizon(config.calendar, new Date(), config.timeZone).periods,
  });
  const template = Template.fromStack(stack);
  const substituteHoliday = {
    OverrideName: '春分の日 振替休日 2027-03-22',
    OverrideType: 'CLOSED',
    EffectiveFrom: '2027-03-22',
    EffectiveTill: '2027-03-22',
    OverrideConfig: [{ Day: 'MONDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 0, Minutes: 0 } }],
  };

  it('puts a CLOSED override for every closure period on the business hours', () => {
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'BusinessHours',
      HoursOfOperationOverrides: Match.arrayWith([
        Match.objectLike({
          OverrideName: '年末年始休業 2027-01-01',
          OverrideType: 'CLOSED',
          EffectiveFrom: '2027-01-01',
          EffectiveTill: '2027-01-03',
        }),
        Match.objectLike(substituteHoliday),
      ]),
    });
  });

  it('adds OperatingCalendar hours, open around the clock except on the same closures', () => {
    template.resourceCountIs('AWS::Connect::HoursOfOperation', 2);
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      Name: 'OperatingCalendar',
      TimeZone: 'Asia/Tokyo',
      Config: Match.arrayWith([
        { Day: 'SUNDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 0, Minutes: 0 } },
      ]),
      HoursOfOperationOverrides: Match.arrayWith([Match.objectLike(substituteHoliday)]),
    });
    const calendar = Object.values(template.findResources('AWS::Connect::HoursOfOperation')).find(
      (r) => r.Properties.Name === 'OperatingCalendar',
    );
    expect(calendar?.Properties.Config).toHaveLength(7);
    // January to March 2027: 年末年始 (from 1/1), 成人の日, 建国記念の日, 天皇誕生日, 春分の日, 振替休日.
    expect(calendar?.Properties.HoursOfOperationOverrides).toHaveLength(6);
  });
});
