import { describe, expect, it } from 'vitest';
import {
  type PipelineEntry,
  type PipelineItem,
  PipelineItemSchema,
  PipelinePatchSchema,
  statusOfStage,
} from './pipeline.ts';
import {
  boardColumns,
  calendarDay,
  filterOptions,
  flyTargetOf,
  isOverdue,
  noBoardFilters,
} from './pipeline-board.ts';
import {
  addNote,
  allowedStages,
  applyPatch,
  currentStage,
  MAX_NOTES,
  moveStage,
  PipelineRuleError,
  stageOfStatus,
  startItem,
  withDetails,
} from './pipeline-rules.ts';

const at = '2026-03-02T09:00:00.000Z';
const later = '2026-03-09T14:30:00.000Z';
const idea = startItem('fors-heat-to-greenhouse', 'candidate', at, 'staff');

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineRuleError);
    return (error as Error).message;
  }
  throw new Error('the move was allowed');
}

describe('starting an item for an exchange', () => {
  it('starts at the first stage of the exchange’s status, owned by nobody, with nothing planned', () => {
    expect(idea).toEqual({
      exchangeId: 'fors-heat-to-greenhouse',
      stage: 'idea',
      owner: null,
      nextStep: null,
      notes: [],
      history: [{ stage: 'idea', at, actor: 'staff' }],
    });
    expect(PipelineItemSchema.parse(idea)).toEqual(idea);
  });

  it('maps every status to a stage of that status: candidate → idea, proposed → agreement, existing → operating, historic → ended, rejected → declined', () => {
    expect(stageOfStatus).toEqual({
      candidate: 'idea',
      proposed: 'agreement',
      existing: 'operating',
      historic: 'ended',
      rejected: 'declined',
    });
    for (const [status, stage] of Object.entries(stageOfStatus)) expect(statusOfStage[stage]).toBe(status);
  });
});

describe('moving the stage', () => {
  it('moves within the candidate stages without touching the exchange, and records each stage', () => {
    const screening = moveStage(idea, 'candidate', 'screening', later, 'staff');
    expect(screening).toMatchObject({ status: 'candidate', statusChanges: false });
    expect(screening.item.stage).toBe('screening');
    expect(screening.item.history.map((change) => change.stage)).toEqual(['idea', 'screening']);
    expect(screening.item.history.at(-1)).toEqual({ stage: 'screening', at: later, actor: 'staff' });
  });

  it('proposes the exchange at agreement and starts it at operating', () => {
    const agreement = moveStage(idea, 'candidate', 'agreement', later, 'staff');
    expect(agreement).toMatchObject({ status: 'proposed', statusChanges: true });
    const operating = moveStage(agreement.item, 'proposed', 'operating', later, 'staff');
    expect(operating).toMatchObject({ status: 'existing', statusChanges: true });
    expect(operating.item.history.map((change) => change.stage)).toEqual(['idea', 'agreement', 'operating']);
  });

  it('refuses a move the exchange lifecycle refuses, saying where it can go instead', () => {
    const message = refusal(() => moveStage(idea, 'candidate', 'operating', later, 'staff'));
    expect(message).toContain('cannot move from idea to operating');
    expect(message).toContain('from candidate to existing');
    expect(message).toContain('it can move to screening, feasibility, agreement, declined');
  });

  it('lets an ended opportunity move nowhere', () => {
    const ended = startItem('old-steam', 'historic', at, 'staff');
    for (const to of ['idea', 'operating', 'declined'] as const) {
      const message = refusal(() => moveStage(ended, 'historic', to, later, 'staff'));
      expect(message).toContain('from ended it can move nowhere');
      expect(message).toContain('historic never changes');
    }
    expect(allowedStages('ended', 'historic')).toEqual([]);
  });

  it('reopens a declined opportunity as a candidate, and takes an agreement back to feasibility', () => {
    expect(allowedStages('declined', 'rejected')).toEqual(['idea', 'screening', 'feasibility']);
    expect(
      moveStage(startItem('x', 'rejected', at, 'staff'), 'rejected', 'screening', later, 'staff'),
    ).toMatchObject({ status: 'candidate', statusChanges: true });
    expect(allowedStages('agreement', 'proposed')).toEqual([
      'idea',
      'screening',
      'feasibility',
      'operating',
      'declined',
    ]);
  });

  it('changes nothing when moved to the stage it is at', () => {
    expect(moveStage(idea, 'candidate', 'idea', later, 'staff')).toEqual({
      item: idea,
      status: 'candidate',
      statusChanges: false,
    });
  });

  it('follows the exchange when its status was changed outside the pipeline, and records that stage', () => {
    const screening = moveStage(idea, 'candidate', 'screening', at, 'staff').item;
    // Someone proposed the exchange through PATCH /api/exchanges: the opportunity is at agreement now.
    expect(currentStage(screening, 'proposed')).toBe('agreement');
    expect(currentStage(screening, 'candidate')).toBe('screening');
    expect(currentStage(null, 'existing')).toBe('operating');
    const operating = moveStage(screening, 'proposed', 'operating', later, 'staff');
    expect(operating.item.history.map((change) => change.stage)).toEqual([
      'idea',
      'screening',
      'agreement',
      'operating',
    ]);
  });
});

describe('owner, next step and notes', () => {
  it('sets what the patch names and leaves the rest; null clears', () => {
    const owned = withDetails(idea, { owner: 'AK', nextStep: { text: 'Call FORS', due: '2026-04-01' } });
    expect(owned).toMatchObject({ owner: 'AK', nextStep: { text: 'Call FORS', due: '2026-04-01' } });
    expect(withDetails(owned, { nextStep: null })).toMatchObject({ owner: 'AK', nextStep: null });
    expect(withDetails(owned, {})).toEqual(owned);
  });

  it('applies a whole patch: the move first, then owner and next step', () => {
    const patched = applyPatch(
      idea,
      'candidate',
      { stage: 'agreement', owner: 'AK', nextStep: { text: 'Sign', due: '2026-05-01' } },
      later,
      'staff',
    );
    expect(patched).toMatchObject({ status: 'proposed', statusChanges: true });
    expect(patched.item).toMatchObject({ stage: 'agreement', owner: 'AK', nextStep: { due: '2026-05-01' } });
    expect(applyPatch(idea, 'candidate', { owner: 'MB' }, later, 'staff')).toMatchObject({
      statusChanges: false,
      item: { stage: 'idea', owner: 'MB', history: idea.history },
    });
  });

  it('keeps notes oldest first, dated and signed', () => {
    const noted = addNote(addNote(idea, 'First call', at, 'staff'), 'Site visit', later, 'staff');
    expect(noted.notes).toEqual([
      { at, author: 'staff', text: 'First call' },
      { at: later, author: 'staff', text: 'Site visit' },
    ]);
  });

  it('refuses a note past the most an item keeps', () => {
    const full: PipelineItem = {
      ...idea,
      notes: Array.from({ length: MAX_NOTES }, () => ({ at, author: 'staff', text: 'n' })),
    };
    expect(refusal(() => addNote(full, 'one more', later, 'staff'))).toContain(`${MAX_NOTES} notes`);
  });

  it('takes patches of at least one field, with a real calendar day as due date', () => {
    expect(PipelinePatchSchema.safeParse({}).success).toBe(false);
    expect(PipelinePatchSchema.safeParse({ owner: '  ' }).success).toBe(false);
    expect(PipelinePatchSchema.safeParse({ nextStep: { text: 'Call', due: '2026-02-30' } }).success).toBe(
      false,
    );
    expect(PipelinePatchSchema.safeParse({ nextStep: { text: 'Call', due: '1 April' } }).success).toBe(false);
    expect(PipelinePatchSchema.parse({ owner: ' AK ', nextStep: null })).toEqual({
      owner: 'AK',
      nextStep: null,
    });
  });
});

// ——— The board ————————————————————————————————————————————————————————————————————————————————————————————

function entry(id: string, options: Partial<PipelineEntry> = {}): PipelineEntry {
  return {
    exchangeId: id,
    status: 'candidate',
    resourceId: 'surplus-heat',
    from: { id: 'fors', name: 'Fors', municipality: '0316', lon: 11.7, lat: 55.7 },
    to: { id: 'greenhouse', name: 'Greenhouse', municipality: '0316', lon: 11.72, lat: 55.71 },
    stage: 'idea',
    item: null,
    ...options,
  };
}

const withItem = (id: string, stage: PipelineEntry['stage'], item: Partial<PipelineItem>) =>
  entry(id, { stage, item: { ...startItem(id, statusOfStage[stage], at, 'staff'), stage, ...item } });

describe('the board', () => {
  const today = '2026-03-10';
  const entries = [
    entry('no-item'),
    withItem('due-later', 'screening', { owner: 'AK', nextStep: { text: 'Visit', due: '2026-04-01' } }),
    withItem('overdue', 'screening', { owner: 'MB', nextStep: { text: 'Call', due: '2026-03-01' } }),
    withItem('unplanned', 'screening', { owner: 'AK' }),
    entry('odsherred-steam', {
      stage: 'agreement',
      status: 'proposed',
      resourceId: 'steam',
      to: { id: 'farm', name: 'Farm', municipality: '0306', lon: 11.6, lat: 55.9 },
    }),
  ];

  it('marks a next step overdue from the day after it was due', () => {
    expect(isOverdue({ text: 'Call', due: '2026-03-09' }, today)).toBe(true);
    expect(isOverdue({ text: 'Call', due: '2026-03-10' }, today)).toBe(false);
    expect(isOverdue(null, today)).toBe(false);
    expect(calendarDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('has a column for every stage in pipeline order, soonest due first and unplanned last', () => {
    const columns = boardColumns(entries, noBoardFilters);
    expect(columns.map((column) => column.stage)).toEqual([
      'idea',
      'screening',
      'feasibility',
      'agreement',
      'operating',
      'ended',
      'declined',
    ]);
    const ids = (stage: string) =>
      columns.find((column) => column.stage === stage)?.entries.map((e) => e.exchangeId);
    expect(ids('idea')).toEqual(['no-item']);
    expect(ids('screening')).toEqual(['overdue', 'due-later', 'unplanned']);
    expect(ids('agreement')).toEqual(['odsherred-steam']);
    expect(ids('feasibility')).toEqual([]);
  });

  it('filters by the municipality of either end, by resource and by owner', () => {
    const shown = (filters: Partial<typeof noBoardFilters>) =>
      boardColumns(entries, { ...noBoardFilters, ...filters }).flatMap((column) =>
        column.entries.map((e) => e.exchangeId),
      );
    expect(shown({ municipality: '0306' })).toEqual(['odsherred-steam']);
    expect(shown({ municipality: '0316' })).toHaveLength(5);
    expect(shown({ resourceId: 'steam' })).toEqual(['odsherred-steam']);
    expect(shown({ owner: 'AK' })).toEqual(['due-later', 'unplanned']);
    expect(shown({ owner: 'AK', municipality: '0306' })).toEqual([]);
  });

  it('offers only the municipalities, resources and owners the opportunities have', () => {
    expect(filterOptions(entries)).toEqual({
      municipalities: ['0306', '0316'],
      resourceIds: ['steam', 'surplus-heat'],
      owners: ['AK', 'MB'],
    });
  });

  it('flies between the two ends, closer for a short link than for a long one', () => {
    const short = flyTargetOf(entry('short'));
    expect(short.lon).toBeCloseTo(11.71);
    expect(short.lat).toBeCloseTo(55.705);
    const long = flyTargetOf(entries[4] ?? entry('x'));
    expect(long.zoom).toBeLessThan(short.zoom);
    expect(long.zoom).toBeGreaterThanOrEqual(8);
    expect(short.zoom).toBeLessThanOrEqual(13);
  });
});
