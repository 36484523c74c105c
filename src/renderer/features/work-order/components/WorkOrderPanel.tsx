import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OUT_OF_SCOPE_REASONS,
  SCOPE_DECISIONS,
  URGENCIES,
  WORK_ORDER_DOMAINS,
  WORK_ORDER_LIMITS,
  WORK_ORDER_TYPES,
  type OutOfScopeReason,
  type ScopeDecision,
  type Urgency,
  type WorkOrderDomain,
  type WorkOrderType,
} from '../../../../shared/domain/work-order';
import { canSubmitWorkOrder, isAmendment } from '../../../../shared/domain/work-order-editing';
import { messageText } from '../format';
import { isEditable, useWorkOrderStore } from '../work-order-store';
import { AttentionNotice } from './AttentionNotice';
import { CheckboxField, DepartmentsField, NestedTextField, SelectField, TextField } from './fields';
import { SaveStateLabel } from './SaveStateLabel';
import { SyncStateBadge } from './SyncStateBadge';
import { runtimeKey } from '../../../i18n/i18n-key';

/** The open work order (the current call's, a call-back, or one reopened); stays until the agent closes it. */
export function WorkOrderPanel() {
  const id = useWorkOrderStore((state) => state.id);
  const opening = useWorkOrderStore((state) => state.opening);
  const openError = useWorkOrderStore((state) => state.openError);
  if (id) return <OpenWorkOrder id={id} />;
  if (opening || openError) return <NotOpenYet />;
  return null;
}

function OpenWorkOrder({ id }: { id: string }) {
  const { t } = useTranslation('workOrder');
  const view = useWorkOrderStore((state) => state.view);
  const callId = useWorkOrderStore((state) => state.callId);
  const close = useWorkOrderStore((state) => state.close);
  const editable = isEditable(view);

  // `ticket-panel` appears only with an id, so whoever sees it can rely on data-draft-id.
  return (
    <section className="panel panel--ticket" data-testid="ticket-panel" data-draft-id={id}>
      <div className="panel__header">
        <h2 className="panel__title">{t(callId ? 'workOrder.title' : 'workOrder.callbackTitle')}</h2>
        <SaveStateLabel />
      </div>
      {view && <SyncStateBadge view={view} />}
      {view?.sync.state === 'needs-attention' && view.sync.attention && <AttentionNotice attention={view.sync.attention} />}
      {!editable && view && <p className="muted">{t('workOrder.readOnly')}</p>}
      {view?.sync.state === 'synced' && (
        <p className="muted" data-testid="amend-hint">
          {t('workOrder.amendHint')}
        </p>
      )}
      <form className="ticket-form wo-form" onSubmit={(event) => event.preventDefault()}>
        <CallerSection />
        <RequestSection />
        <ClassificationSection />
        <ScopeSection />
        <CommitmentSection />
      </form>
      <SubmitError />
      <div className="panel__actions">
        {view && canSubmitWorkOrder(view.sync.state) && <SubmitButton amendment={isAmendment(view)} />}
        <button type="button" className="button" data-testid="ticket-close" onClick={() => void close()}>
          {t('workOrder.close')}
        </button>
      </div>
    </section>
  );
}

function Section({ title, children }: { title: 'caller' | 'request' | 'classification' | 'scope' | 'commitment'; children: ReactNode }) {
  const { t } = useTranslation('workOrder');
  return (
    <fieldset className="wo-section">
      <legend>{t(`workOrder.section.${title}`)}</legend>
      <div className="wo-section__grid">{children}</div>
    </fieldset>
  );
}

function CallerSection() {
  return (
    <Section title="caller">
      <TextField name="callerName" />
      <TextField name="callerPhone" type="tel" />
      <TextField name="callbackNumber" type="tel" />
      <TextField name="district" />
      <TextField name="address" wide />
    </Section>
  );
}

function RequestSection() {
  return (
    <Section title="request">
      <TextField name="summary" wide />
      <TextField name="description" multiline />
    </Section>
  );
}

function ClassificationSection() {
  const type = useWorkOrderStore((state) => state.fields.type);
  const domain = useWorkOrderStore((state) => state.fields.domain);
  const urgency = useWorkOrderStore((state) => state.fields.urgency);
  const edit = useWorkOrderStore((state) => state.edit);
  return (
    <Section title="classification">
      <SelectField
        name="type"
        value={type}
        options={WORK_ORDER_TYPES}
        labelPrefix="workOrder.type"
        nullable
        onChange={(value) => edit('type', value as WorkOrderType | null)}
      />
      <SelectField
        name="domain"
        value={domain}
        options={WORK_ORDER_DOMAINS}
        labelPrefix="workOrder.domain"
        nullable
        onChange={(value) => edit('domain', value as WorkOrderDomain | null)}
      />
      <SelectField
        name="urgency"
        value={urgency}
        options={URGENCIES}
        labelPrefix="workOrder.urgency"
        onChange={(value) => edit('urgency', (value ?? 'normal') as Urgency)}
      />
      <DepartmentsField />
    </Section>
  );
}

function ScopeSection() {
  const scope = useWorkOrderStore((state) => state.fields.scope);
  const edit = useWorkOrderStore((state) => state.edit);
  const outOfScope = scope.decision === 'out-of-scope';
  return (
    <Section title="scope">
      <SelectField
        name="scopeDecision"
        value={scope.decision}
        options={SCOPE_DECISIONS}
        labelPrefix="workOrder.scopeDecision"
        onChange={(value) => {
          const decision = (value ?? 'undecided') as ScopeDecision;
          // A reason belongs only to out of scope; the texts stay in case the agent switches back.
          edit('scope', { ...scope, decision, reason: decision === 'out-of-scope' ? scope.reason : null });
        }}
      />
      {outOfScope && (
        <>
          <SelectField
            name="scopeReason"
            value={scope.reason}
            options={OUT_OF_SCOPE_REASONS}
            labelPrefix="workOrder.scopeReason"
            nullable
            onChange={(value) => edit('scope', { ...scope, reason: value as OutOfScopeReason | null })}
          />
          <NestedTextField name="scopeReasonDetail" group="scope" part="reasonDetail" maxLength={WORK_ORDER_LIMITS.reasonDetail} wide />
          <NestedTextField name="scopeChannel" group="scope" part="channel" maxLength={WORK_ORDER_LIMITS.channel} wide />
        </>
      )}
    </Section>
  );
}

function CommitmentSection() {
  const followUpWanted = useWorkOrderStore((state) => state.fields.followUpWanted);
  const edit = useWorkOrderStore((state) => state.edit);
  return (
    <Section title="commitment">
      <NestedTextField name="commitmentWhat" group="commitment" part="what" maxLength={WORK_ORDER_LIMITS.commitment} wide />
      <NestedTextField name="commitmentDueDate" group="commitment" part="dueDate" type="date" />
      <CheckboxField name="followUpWanted" checked={followUpWanted} onChange={(checked) => edit('followUpWanted', checked)} />
    </Section>
  );
}

function SubmitButton({ amendment }: { amendment: boolean }) {
  const { t } = useTranslation('workOrder');
  const submitting = useWorkOrderStore((state) => state.submitting);
  const submit = useWorkOrderStore((state) => state.submit);
  return (
    <button
      type="button"
      className="button button--primary"
      data-testid="work-order-submit"
      data-amendment={amendment}
      disabled={submitting}
      onClick={() => void submit()}
    >
      {submitting ? t('workOrder.submitting') : t(amendment ? 'workOrder.submitAmendment' : 'workOrder.submit')}
    </button>
  );
}

function SubmitError() {
  const { t } = useTranslation('workOrder');
  const submitError = useWorkOrderStore((state) => state.submitError);
  if (!submitError) return null;
  return (
    <p className="notice notice--error" role="alert" data-testid="work-order-submit-error">
      {messageText(t, submitError)}
    </p>
  );
}

/** Opening, or opening failed (then the agent can still dismiss it). */
function NotOpenYet() {
  const { t } = useTranslation('workOrder');
  const openError = useWorkOrderStore((state) => state.openError);
  const close = useWorkOrderStore((state) => state.close);
  return (
    <section className="panel panel--ticket">
      <h2 className="panel__title">{t('workOrder.title')}</h2>
      {openError ? (
        <>
          <p className="notice notice--error" role="alert">
            {t('workOrder.openFailed', { reason: t(runtimeKey(openError)) })}
          </p>
          <button type="button" className="button" onClick={() => void close()}>
            {t('workOrder.close')}
          </button>
        </>
      ) : (
        <p className="muted">{t('workOrder.opening')}</p>
      )}
    </section>
  );
}
