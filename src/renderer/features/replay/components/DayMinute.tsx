import { formatDay, formatHourMinute, type UiLanguage } from '../../../format/date';

/** A day and a time that a narrow column may put on two lines, but never breaks inside either (2026-/12-03). */
export function DayMinute({ at, language }: { at: number; language: UiLanguage }) {
  return (
    <>
      <span className="replay-list__nowrap">{formatDay(at, language)}</span> <span className="replay-list__nowrap">{formatHourMinute(at, language)}</span>
    </>
  );
}
