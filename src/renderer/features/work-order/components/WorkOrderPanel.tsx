import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'tdesign-react';
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
import { WORK_ORDER_SECTIONS, shortcutText, workOrderKey, type WorkOrderSection } from '../sections';
import { CheckboxField, DepartmentsField, DueDateField, NestedTextField, SelectField, TextField } from './fields';
import { DispatchSuggestionsField } from './DispatchSuggestionsField';
import '../work-order.css';
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
  const form = useRef<HTMLFormElement>(null);
  const [active, setActive] = useState<WorkOrderSection>('caller');
  const title = t(callId ? 'workOrder.title' : 'workOrder.callbackTitle');

  const goTo = useCallback((section: WorkOrderSection) => {
    const element = form.current?.querySelector<HTMLElement>(`[data-section="${section}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.querySelector<HTMLElement>('input:not([disabled]), textarea:not([disabled]), select:not([disabled])')?.focus({ preventScroll: true });
    setActive(section);
  }, []);

  useWorkOrderKeys(goTo);
  useActiveSection(form, setActive);

  // `ticket-panel` appears only with an id, so whoever sees it can rely on data-draft-id.
  return (
    <section className="panel panel--ticket wo-pane" data-testid="ticket-panel" data-draft-id={id} aria-label={title}>
      <div className="wo-pane__top">
        <div className="panel__header wo-pane__header">
          <h2 className="panel__title">{title}</h2>
          <SaveStateLabel />
        </div>
        <SectionNav active={active} onGo={goTo} />
      </div>
      {view && <SyncStateBadge view={view} />}
      {view?.sync.state === 'needs-attention' && view.sync.attention && <AttentionNotice attention={view.sync.attention} />}
      {!editable && view && <p className="muted">{t('workOrder.readOnly')}</p>}
      {view?.sync.state === 'synced' && (
        <p className="muted" data-testid="amend-hint">
          {t('workOrder.amendHint')}
        </p>
      )}
      <form ref={form} className="ticket-form wo-form" onSubmit={(event) => event.preventDefault()}>
        <CallerSection />
        <RequestSection />
        <ClassificationSection />
        <ScopeSection />
        <CommitmentSection />
      </form>
      <div className="wo-pane__bottom">
        <SubmitError />
        <div className="panel__actions wo-actions">
          {view && canSubmitWorkOrder(view.sync.state) && <SubmitButton amendment={isAmendment(view)} />}
          <Button variant="outline" data-testid="ticket-close" onClick={() => void close()}>
            {t('workOrder.close')}
          </Button>
        </div>
      </div>
    </section>
  );
}

/** Ctrl+1..5 → a section, Ctrl+Enter → submit, while this work order is open. */
function useWorkOrderKeys(goTo: (section: WorkOrderSection) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const action = workOrderKey(event);
      if (!action) return;
      event.preventDefault();
      if (action.type === 'section') {
        goTo(action.section);
        return;
      }
      const state = useWorkOrderStore.getState();
      if (state.view && canSubmitWorkOrder(state.view.sync.state) && !state.submitting) void state.submit();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [goTo]);
}

/** The section at the top of the pane (just under the sticky section bar) is the one marked in the bar. */
function useActiveSection(form: RefObject<HTMLFormElement | null>, setActive: (section: WorkOrderSection) => void) {
  useEffect(() => {
    const root = form.current;
    if (!root || typeof IntersectionObserver === 'undefined') return undefined;
    const visible = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const section = (entry.target as HTMLElement).dataset.section ?? '';
          if (entry.isIntersecting) visible.add(section);
          else visible.delete(section);
        }
        const first = WORK_ORDER_SECTIONS.find((section) => visible.has(section));
        if (first) setActive(first);
      },
      // A band across the upper part of the pane, below the sticky bar.
      { root: scrollParent(root), rootMargin: '-80px 0px -60% 0px' },
    );
    root.querySelectorAll('[data-section]').forEach((element) => observer.observe(element));
    return () => observer.disconnect();
  }, [form, setActive]);
}

/** The nearest ancestor that scrolls (the pane), or null for the viewport. */
function scrollParent(element: HTMLElement): HTMLElement | null {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const overflow = getComputedStyle(parent).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return parent;
  }
  return null;
}

/** The five sections as a small bar at the top of the pane, each with its key. */
function SectionNav({ active, onGo }: { active: WorkOrderSection; onGo: (section: WorkOrderSection) => void }) {
  const { t } = useTranslation('workOrder');
  return (
    <nav className="wo-nav" aria-label={t('workOrder.sectionNav')} data-testid="work-order-sections">
      {WORK_ORDER_SECTIONS.map((section) => {
        const keys = shortcutText({ type: 'section', section });
        return (
          <button
            key={section}
            type="button"
            className={`wo-nav__item${section === active ? ' wo-nav__item--active' : ''}`}
            aria-current={section === active ? 'location' : undefined}
            aria-keyshortcuts={keys.replace('Ctrl', 'Control')}
            title={t('workOrder.goToSection', { keys })}
            data-testid={`work-order-section-link-${section}`}
            onClick={() => onGo(section)}
          >
            {t(`workOrder.sectionShort.${section}`)}
          </button>
        );
      })}
      <span className="wo-nav__keys" aria-hidden="true">
        {t('workOrder.sectionKeys')}
      </span>
    </nav>
  );
}

function Section({ title, children }: { title: WorkOrderSection; children: ReactNode }) {
  const { t } = useTranslation('workOrder');
  return (
    <fieldset className="wo-section" data-section={title} data-testid={`work-order-section-${title}`}>
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
      <UrgencyRaisedNote />
      <DispatchSuggestionsField />
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
      <DueDateField />
      <CheckboxField name="followUpWanted" checked={followUpWanted} onChange={(checked) => edit('followUpWanted', checked)} />
    </Section>
  );
}

function SubmitButton({ amendment }: { amendment: boolean }) {
  const { t } = useTranslation('workOrder');
  const submitting = useWorkOrderStore((state) => state.submitting);
  const submit = useWorkOrderStore((state) => state.submit);
  const keys = shortcutText({ type: 'submit' });
  return (
    <Button
      theme="primary"
      data-testid="work-order-submit"
      data-amendment={amendment}
      disabled={submitting}
      aria-keyshortcuts="Control+Enter"
      title={t('workOrder.submitKeys', { keys })}
      onClick={() => void submit()}
    >
      {submitting ? t('workOrder.submitting') : t(amendment ? 'workOrder.submitAmendment' : 'workOrder.submit')}
      <kbd className="shortcut-hint">{keys}</kbd>
    </Button>
  );
}

/** Urgency went up by itself (an emergency prompt in this call): said next to the field, with what fired it. */
function UrgencyRaisedNote() {
  const { t } = useTranslation('workOrder');
  const raised = useWorkOrderStore((state) => state.urgencyRaised);
  const urgency = useWorkOrderStore((state) => state.fields.urgency);
  if (!raised || urgency === 'normal') return null;
  const reason =
    raised.matchedTerms.length > 0 ? t('workOrder.urgencyRaised.terms', { terms: raised.matchedTerms.join('、') }) : t('workOrder.urgencyRaised.hotkey');
  return (
    <p className="wo-raised field--wide" role="status" data-testid="urgency-raised">
      {t('workOrder.urgencyRaised.text', { reason })}
    </p>
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
