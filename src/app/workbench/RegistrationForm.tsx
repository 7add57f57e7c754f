import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIBILITIES, type Visibility } from '../../domain/common.ts';
import type { Resource } from '../../domain/resource.ts';
import {
  type FieldProblem,
  type RegistrationReceipt,
  type RegistrationSubmission,
  RegistrationSubmissionSchema,
  registrationProblems,
} from '../../domain/workbench/registration.ts';
import { useSubmitRegistration } from '../api/registration-queries.ts';
import { useUiStore } from '../state/ui-store.ts';
import { RegistrationSite } from './RegistrationSite.tsx';
import { RegistrationStreams, type StreamRow } from './RegistrationStreams.tsx';
import { type PickedSite, useRegistrationSite } from './registration-draft.ts';
import { type FormMessage, formMessages, serverMessages } from './registration-messages.ts';

type FieldMessages = { path: string; message: FormMessage }[];

let nextKey = 1;
const emptyRow = (): StreamRow => ({
  key: nextKey++,
  direction: 'output',
  resourceId: '',
  quantity: '',
  unit: '',
  note: '',
});

const given = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The fields typed in as text (all but the consent). */
type TextField = { [K in keyof Fields]: string extends Fields[K] ? K : never }[keyof Fields];

interface Fields {
  name: string;
  cvr: string;
  website: string;
  about: string;
  contactName: string;
  email: string;
  phone: string;
  shownTo: Visibility;
  exactQuantities: boolean;
  /** The honeypot: people never see it, robots fill it in. */
  homepage: string;
}

const emptyFields: Fields = {
  name: '',
  cvr: '',
  website: '',
  about: '',
  contactName: '',
  email: '',
  phone: '',
  shownTo: 'public',
  exactQuantities: false,
  homepage: '',
};

/** The body the form sends: empty optional fields left out, figures as numbers. */
function submissionOf(fields: Fields, rows: StreamRow[], site: PickedSite | null): Record<string, unknown> {
  // An optional field left empty is undefined, which the schema takes as left out and JSON leaves out.
  return {
    company: {
      name: fields.name,
      cvr: given(fields.cvr),
      website: given(fields.website),
      about: given(fields.about),
    },
    contact: { name: fields.contactName, email: fields.email.trim(), phone: given(fields.phone) },
    location: site ? { lon: site.lon, lat: site.lat } : undefined,
    streams: rows.map((row) => ({
      direction: row.direction,
      resourceId: row.resourceId,
      ...(row.quantity.trim() === '' ? {} : { quantity: { value: Number(row.quantity), unit: row.unit } }),
      note: given(row.note),
    })),
    consent: { shownTo: fields.shownTo, exactQuantities: fields.exactQuantities },
    ...(fields.homepage === '' ? {} : { homepage: fields.homepage }),
  };
}

/** Checked in the browser with the schema and the rules the server applies, so most mistakes never travel. */
function check(
  body: Record<string, unknown>,
  resources: readonly Resource[],
): { submission: RegistrationSubmission } | { problems: FieldProblem[] } {
  const parsed = RegistrationSubmissionSchema.safeParse(body);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    };
  }
  const problems = registrationProblems(parsed.data, resources);
  return problems.length > 0 ? { problems } : { submission: parsed.data };
}

/**
 * The public "register your side-streams" form, beside the map where the site is picked. After sending it
 * shows the reference and what happens next; nothing is published until the secretariat has accepted it.
 */
export function RegistrationForm({ resources }: { resources: readonly Resource[] }) {
  const { t } = useTranslation();
  const submit = useSubmitRegistration();
  const site = useRegistrationSite((state) => state.site);
  const [fields, setFields] = useState<Fields>(emptyFields);
  const [rows, setRows] = useState<StreamRow[]>(() => [emptyRow()]);
  /** Once sent, the form checks itself as it is corrected: a fixed field loses its message at once. */
  const [tried, setTried] = useState(false);
  /** The server's refusal, for the body it refused: any change since then makes it stale. */
  const [refusal, setRefusal] = useState<{ body: string; messages: FieldMessages } | null>(null);
  const [receipt, setReceipt] = useState<RegistrationReceipt | null>(null);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) =>
    setFields((old) => ({ ...old, [key]: value }));
  const say = (message: FormMessage) => t(`registration.errors.${message.key}`, message.values ?? {});

  const body = submissionOf(fields, rows, site);
  const checked = check(body, resources);
  const bodyText = JSON.stringify(body);
  const messages: FieldMessages =
    refusal?.body === bodyText
      ? refusal.messages
      : tried && 'problems' in checked
        ? formMessages(checked.problems)
        : [];
  const errorAt = (path: string) => {
    const found = messages.find((entry) => entry.path === path || entry.path.startsWith(`${path}.`));
    return found ? say(found.message) : null;
  };
  const close = () => useUiStore.getState().setView('map');

  const send = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if ('problems' in checked) return;
    setRefusal(null);
    submit.mutate(checked.submission, {
      onSuccess: (answer) => setReceipt(answer),
      onError: (error) => setRefusal({ body: bodyText, messages: serverMessages(error) }),
    });
  };

  const startAgain = () => {
    setReceipt(null);
    setTried(false);
    setFields(emptyFields);
    setRows([emptyRow()]);
    useRegistrationSite.getState().setSite(null);
    useUiStore.getState().setPlacingCompany(true);
  };

  if (receipt) {
    return (
      <section
        className="details reg-form reg-receipt"
        aria-labelledby="reg-thanks"
        data-testid="registration-receipt"
      >
        <h2 id="reg-thanks">{t('registration.thanks')}</h2>
        <p>{t('registration.referenceLabel')}</p>
        <p className="reg-reference" data-reference={receipt.reference}>
          {receipt.reference}
        </p>
        <h3>{t('registration.nextTitle')}</h3>
        <ol>
          <li>{t('registration.next1')}</li>
          <li>{t('registration.next2')}</li>
          <li>{t('registration.next3')}</li>
        </ol>
        <div className="dialog-actions">
          <button type="button" onClick={startAgain}>
            {t('registration.another')}
          </button>
          <button type="button" className="primary" onClick={close}>
            {t('registration.close')}
          </button>
        </div>
      </section>
    );
  }

  // The message sits beside the label, not in it: it describes the field and is no part of its name.
  const text = (key: TextField, label: string, path: string, extra: Record<string, unknown> = {}) => {
    const problem = errorAt(path);
    return (
      <div className="field">
        <label htmlFor={`reg-${key}`}>{label}</label>
        <input
          id={`reg-${key}`}
          value={fields[key]}
          onChange={(event) => set(key, event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `reg-${key}-error` : undefined}
          {...extra}
        />
        {problem ? (
          <span id={`reg-${key}-error`} className="reg-field-error">
            {problem}
          </span>
        ) : null}
      </div>
    );
  };

  return (
    <form className="details reg-form" onSubmit={send} aria-labelledby="reg-title" noValidate>
      <div className="details-head">
        <h2 id="reg-title">{t('registration.title')}</h2>
        <button type="button" className="icon-button" onClick={close}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">{t('registration.close')}</span>
        </button>
      </div>
      <p className="hint">{t('registration.intro')}</p>

      <fieldset className="reg-section">
        <legend>{t('registration.company')}</legend>
        {text('name', t('registration.companyName'), 'company.name', {
          autoComplete: 'organization',
          maxLength: 200,
        })}
        {text('cvr', t('registration.cvr'), 'company.cvr', { inputMode: 'numeric', maxLength: 8 })}
        {text('website', t('registration.website'), 'company.website', { type: 'url', autoComplete: 'url' })}
        <label className="field">
          {t('registration.about')}
          <textarea
            value={fields.about}
            maxLength={1000}
            rows={2}
            onChange={(e) => set('about', e.target.value)}
          />
        </label>
      </fieldset>

      <fieldset className="reg-section">
        <legend>{t('registration.contact')}</legend>
        <p className="hint">{t('registration.contactHint')}</p>
        {text('contactName', t('registration.contactName'), 'contact.name', { autoComplete: 'name' })}
        {text('email', t('registration.email'), 'contact.email', { type: 'email', autoComplete: 'email' })}
        {text('phone', t('registration.phone'), 'contact.phone', { type: 'tel', autoComplete: 'tel' })}
      </fieldset>

      <RegistrationSite error={errorAt('location')} />

      <fieldset className="reg-section">
        <legend>{t('registration.streams')}</legend>
        <p className="hint">{t('registration.streamsHint')}</p>
        <RegistrationStreams rows={rows} resources={resources} onChange={setRows} errorAt={errorAt} />
        <button type="button" onClick={() => setRows((old) => [...old, emptyRow()])}>
          {t('registration.addStream')}
        </button>
      </fieldset>

      <fieldset className="reg-section">
        <legend>{t('registration.consent')}</legend>
        <p className="hint">{t('registration.consentHint')}</p>
        {VISIBILITIES.map((level) => (
          <label key={level} className="checkbox">
            <input
              type="radio"
              name="reg-shown-to"
              value={level}
              checked={fields.shownTo === level}
              onChange={() => set('shownTo', level)}
            />
            {t(`registration.shownTo.${level}`)}
          </label>
        ))}
        <label className="checkbox reg-exact">
          <input
            type="checkbox"
            checked={fields.exactQuantities}
            disabled={fields.shownTo === 'secretariat'}
            onChange={(event) => set('exactQuantities', event.target.checked)}
          />
          {t('registration.exactQuantities')}
        </label>
      </fieldset>

      {/* The honeypot: out of sight and out of the tab order, so only a robot fills it in. */}
      <div className="reg-honeypot" aria-hidden="true">
        <label>
          {t('registration.honeypot')}
          <input
            name="homepage"
            tabIndex={-1}
            autoComplete="off"
            value={fields.homepage}
            onChange={(event) => set('homepage', event.target.value)}
          />
        </label>
      </div>

      {messages.length > 0 ? (
        <div className="reg-errors" role="alert">
          <p>{t('registration.fixErrors')}</p>
          <ul className="reg-error-list">
            {messages.map((entry) => (
              <li key={`${entry.path}-${entry.message.key}`}>{say(entry.message)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="submit" className="primary reg-submit" disabled={submit.isPending}>
        {submit.isPending ? t('registration.sending') : t('registration.submit')}
      </button>
    </form>
  );
}
