/**
 * The workbench's stand-in for the @hubspot/ui-extensions components the cards use, rendered as
 * plain HTML. Each takes the package's own props type, so the cards compile against HubSpot's
 * types and run here unchanged. `testId` becomes `data-testid`, as HubSpot's testing tools use it.
 */
import { Chart, registerables } from 'chart.js';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import type {
  AlertProps,
  BarChartProps,
  ButtonProps,
  ButtonRowProps,
  DateInputProps,
  InputProps,
  NumberInputProps,
  DescriptionListItemProps,
  DescriptionListProps,
  DividerProps,
  EmptyStateProps,
  ErrorStateProps,
  FlexProps,
  HeadingProps,
  LinkProps,
  ListProps,
  LoadingButtonProps,
  LoadingSpinnerProps,
  ProgressBarProps,
  SelectProps,
  StatisticsItemProps,
  StatisticsProps,
  StatusTagProps,
  TableCellProps,
  TableElementProps,
  TableHeaderProps,
  TableProps,
  TextAreaProps,
  TextProps,
} from '@hubspot/ui-extensions';

Chart.register(...registerables);

const GAP: Record<string, string> = { flush: '0', 'extra-small': '4px', xs: '4px', small: '8px', sm: '8px', medium: '16px', md: '16px', large: '24px', lg: '24px', 'extra-large': '32px', xl: '32px' };
const tid = (testId: string | undefined) => (testId ? { 'data-testid': testId } : {});
const cls = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ');
type HrefLike = LinkProps['href'];
const hrefOf = (href: HrefLike | undefined): { url?: string; external?: boolean } => (typeof href === 'string' ? { url: href } : href ? { url: href.url, ...(href.external !== undefined ? { external: href.external } : {}) } : {});

export function Flex({ children, direction = 'row', gap = 'flush', justify, align, wrap, testId }: FlexProps) {
  const style: CSSProperties = {
    display: 'flex',
    flexDirection: direction,
    gap: GAP[gap] ?? '0',
    ...(justify ? { justifyContent: justify === 'between' ? 'space-between' : justify === 'around' ? 'space-around' : justify === 'start' ? 'flex-start' : justify === 'end' ? 'flex-end' : 'center' } : {}),
    ...(align ? { alignItems: align === 'start' ? 'flex-start' : align === 'end' ? 'flex-end' : align } : {}),
    ...(wrap === true || wrap === 'wrap' ? { flexWrap: 'wrap' } : {}),
  };
  return <div className="hs-flex" style={style} {...tid(testId)}>{children}</div>;
}

export function Text({ children, variant = 'bodytext', inline, format, testId }: TextProps) {
  const style: CSSProperties = {
    ...(format?.fontWeight ? { fontWeight: format.fontWeight === 'bold' ? 700 : format.fontWeight === 'demibold' ? 600 : 400 } : {}),
    ...(format?.italic ? { fontStyle: 'italic' } : {}),
    ...(format?.lineDecoration === 'strikethrough' ? { textDecoration: 'line-through' } : format?.lineDecoration === 'underline' ? { textDecoration: 'underline' } : {}),
  };
  const Tag = inline ? 'span' : 'p';
  return <Tag className={cls('hs-text', variant === 'microcopy' && 'hs-microcopy')} style={style} {...tid(testId)}>{children}</Tag>;
}

export function Heading({ children, testId }: HeadingProps) {
  return <h3 className="hs-heading" {...tid(testId)}>{children}</h3>;
}

export function Divider({ distance = 'small', testId }: DividerProps) {
  return <hr className="hs-divider" style={{ margin: `${GAP[distance] ?? '8px'} 0` }} {...tid(testId)} />;
}

export function Button({ children, onClick, variant = 'secondary', disabled, type = 'button', href, testId }: ButtonProps) {
  const link = hrefOf(href);
  const click = () => (onClick as ((e: unknown, r: unknown) => void) | undefined)?.({ type: 'click' }, {});
  if (link.url) return <a className={cls('hs-button', `hs-button-${variant}`)} href={link.url} {...(link.external ? { target: '_blank', rel: 'noreferrer' } : {})} {...tid(testId)}>{children}</a>;
  return <button type={type} className={cls('hs-button', `hs-button-${variant}`)} disabled={disabled} onClick={click} {...tid(testId)}>{children}</button>;
}

export function LoadingButton({ children, onClick, variant = 'primary', disabled, loading, type = 'button', testId }: LoadingButtonProps) {
  const click = () => (onClick as ((e: unknown, r: unknown) => void) | undefined)?.({ type: 'click' }, {});
  return (
    <button type={type} className={cls('hs-button', `hs-button-${variant}`)} disabled={disabled || loading} aria-busy={loading ? 'true' : 'false'} onClick={click} {...tid(testId)}>
      {loading && <span className="hs-spinner hs-spinner-inline" aria-hidden="true" />} {children}
    </button>
  );
}

export function ButtonRow({ children, testId }: ButtonRowProps) {
  return <div className="hs-button-row" {...tid(testId)}>{children}</div>;
}

export function StatusTag({ children, variant = 'default', testId }: StatusTagProps) {
  return <span className={cls('hs-status-tag', `hs-status-${variant}`)} {...tid(testId)}>{children}</span>;
}

export function Alert({ children, title, variant = 'info', testId }: AlertProps) {
  return (
    <div role="alert" className={cls('hs-alert', `hs-alert-${variant}`)} {...tid(testId)}>
      <strong>{title}</strong>
      <div>{children}</div>
    </div>
  );
}

export function ProgressBar({ value = 0, maxValue = 100, variant = 'success', showPercentage, valueDescription, title, testId }: ProgressBarProps) {
  const pct = Math.max(0, Math.min(100, (value / (maxValue || 100)) * 100));
  return (
    <div className="hs-progress" {...tid(testId)}>
      {title && <div className="hs-microcopy">{title}</div>}
      <div className="hs-progress-track" role="progressbar" aria-valuenow={value} aria-valuemax={maxValue}>
        <div className={cls('hs-progress-fill', `hs-progress-${variant}`)} style={{ width: `${pct}%` }} />
      </div>
      {(showPercentage || valueDescription) && <div className="hs-microcopy">{showPercentage ? `${Math.round(pct)}%` : ''} {valueDescription ?? ''}</div>}
    </div>
  );
}

export function List({ children, variant = 'unordered', testId }: ListProps) {
  const items = (Array.isArray(children) ? children : [children]).flat().filter((c) => c !== null && c !== undefined && c !== false) as ReactNode[];
  const Tag = variant.startsWith('ordered') ? 'ol' : 'ul';
  return <Tag className={cls('hs-list', `hs-list-${variant}`)} {...tid(testId)}>{items.map((c, i) => <li key={i}>{c}</li>)}</Tag>;
}

export function Link({ children, href, onClick, testId }: LinkProps) {
  const link = hrefOf(href);
  return (
    <a className="hs-link" href={link.url} {...(link.external ? { target: '_blank', rel: 'noreferrer' } : {})} onClick={onClick ? () => (onClick as (e: unknown, r: unknown) => void)({ type: 'click' }, {}) : undefined} {...tid(testId)}>
      {children}
    </a>
  );
}

export function LoadingSpinner({ label, showLabel, layout = 'inline', testId }: LoadingSpinnerProps) {
  return (
    <div className={cls('hs-loading', layout === 'centered' && 'hs-centered')} role="status" {...tid(testId)}>
      <span className="hs-spinner" aria-hidden="true" /> <span className={showLabel ? '' : 'hs-visually-hidden'}>{label}</span>
    </div>
  );
}

export function EmptyState({ children, title, layout = 'horizontal', reverseOrder, testId }: EmptyStateProps) {
  return (
    <div className={cls('hs-empty', `hs-empty-${layout}`, reverseOrder && 'hs-reverse')} {...tid(testId)}>
      <div className="hs-empty-illustration" aria-hidden="true">∅</div>
      <div>
        <h3 className="hs-heading">{title}</h3>
        {children}
      </div>
    </div>
  );
}

export function ErrorState({ children, title, testId }: ErrorStateProps) {
  return (
    <div className="hs-error-state" role="alert" {...tid(testId)}>
      <div className="hs-empty-illustration" aria-hidden="true">!</div>
      <h3 className="hs-heading">{title}</h3>
      {children}
    </div>
  );
}

export function DescriptionList({ children, direction = 'column', testId }: DescriptionListProps) {
  return <dl className={cls('hs-dl', `hs-dl-${direction}`)} {...tid(testId)}>{children}</dl>;
}

export function DescriptionListItem({ children, label }: DescriptionListItemProps) {
  return (
    <div className="hs-dl-item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Statistics({ children, testId }: StatisticsProps) {
  return <div className="hs-statistics" {...tid(testId)}>{children}</div>;
}

export function StatisticsItem({ label, number, children, testId }: StatisticsItemProps) {
  return (
    <div className="hs-statistic" {...tid(testId)}>
      <div className="hs-microcopy">{label}</div>
      <div className="hs-statistic-number">{number}</div>
      {children}
    </div>
  );
}

/** A form field as HubSpot lays it out: label (starred when required), an optional description, the input, the validation message. */
function Field({ id, label, required, description, error, validationMessage, testId, children }: { id: string; label?: string | undefined; required?: boolean | undefined; description?: string | undefined; error?: boolean | undefined; validationMessage?: string | undefined; testId?: string | undefined; children: ReactNode }) {
  return (
    <div className="hs-field" {...tid(testId)}>
      <label htmlFor={id}>
        {label}
        {required ? ' *' : ''}
      </label>
      {description && <div className="hs-microcopy">{description}</div>}
      {children}
      {error && validationMessage && <div className="hs-validation">{validationMessage}</div>}
    </div>
  );
}

export function Select({ label, name, options, value, onChange, required, error, validationMessage, placeholder, description, testId }: SelectProps) {
  const id = `select-${name ?? label}`;
  return (
    <Field id={id} label={label} required={required} description={description} error={error} validationMessage={validationMessage} testId={testId}>
      <select id={id} name={name} value={value === undefined ? '' : String(value)} onChange={(e) => onChange?.(options.find((o) => String(o.value) === e.target.value)?.value ?? e.target.value)} aria-invalid={error ? 'true' : 'false'}>
        <option value="" disabled>
          {placeholder ?? 'Choose…'}
        </option>
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** HubSpot commits a TextArea's value on blur; here every edit is passed on, which a card cannot tell apart. */
export function TextArea({ label, name, value, onChange, onInput, maxLength, placeholder, required, error, validationMessage, testId }: TextAreaProps) {
  const id = `textarea-${name ?? label}`;
  return (
    <Field id={id} label={label} required={required} error={error} validationMessage={validationMessage} testId={testId}>
      <textarea id={id} name={name} value={value ?? ''} maxLength={maxLength} placeholder={placeholder} onChange={(e) => { onInput?.(e.target.value); onChange?.(e.target.value); }} />
    </Field>
  );
}

export function Input({ label, name, value, onChange, onInput, placeholder, required, error, validationMessage, description, testId }: InputProps) {
  const id = `input-${name ?? label}`;
  return (
    <Field id={id} label={label} required={required} description={description} error={error} validationMessage={validationMessage} testId={testId}>
      <input id={id} name={name} value={value ?? ''} placeholder={placeholder} onChange={(e) => { onInput?.(e.target.value); onChange?.(e.target.value); }} />
    </Field>
  );
}

export function NumberInput({ label, name, value, onChange, placeholder, required, error, validationMessage, description, testId }: NumberInputProps) {
  const id = `number-${name ?? label}`;
  return (
    <Field id={id} label={label} required={required} description={description} error={error} validationMessage={validationMessage} testId={testId}>
      <input id={id} name={name} type="number" value={value ?? ''} placeholder={placeholder} onChange={(e) => e.target.value !== '' && onChange?.(Number(e.target.value))} />
    </Field>
  );
}

/** HubSpot's DateInput gives { year, month (from 0), date }; here a browser date field does. */
export function DateInput({ label, name, value, onChange, required, error, validationMessage, description, testId }: DateInputProps) {
  const id = `date-${name ?? label}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = value ? `${value.year}-${pad(value.month + 1)}-${pad(value.date)}` : '';
  return (
    <Field id={id} label={label} required={required} description={description} error={error} validationMessage={validationMessage} testId={testId}>
      <input
        id={id}
        name={name}
        type="date"
        value={iso}
        onChange={(e) => {
          const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(e.target.value);
          if (m) onChange?.({ year: Number(m[1]), month: Number(m[2]) - 1, date: Number(m[3]), formattedDate: e.target.value });
        }}
      />
    </Field>
  );
}

export function Table({ children, testId }: TableProps) {
  return <table className="hs-table" {...tid(testId)}>{children}</table>;
}
export function TableHead({ children }: TableElementProps) {
  return <thead>{children}</thead>;
}
export function TableBody({ children }: TableElementProps) {
  return <tbody>{children}</tbody>;
}
export function TableRow({ children }: TableElementProps) {
  return <tr>{children}</tr>;
}
export function TableHeader({ children }: TableHeaderProps) {
  return <th>{children}</th>;
}
export function TableCell({ children }: TableCellProps) {
  return <td>{children}</td>;
}

const PALETTE = ['#0091ae', '#f2545b', '#f5c26b', '#00bda5', '#6a78d1', '#ff7a59', '#7fd1de', '#516f90'];

/** HubSpot's bar chart from its own props (rows, an x and y field, optional colour grouping and stacking), drawn with Chart.js. */
export function BarChart({ data, axes, options, testId }: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const rows = Array.isArray(data) ? data : data.data;
  useEffect(() => {
    if (!canvas.current) return undefined;
    const x = axes.x.field;
    const y = axes.y.field;
    const group = axes.options?.groupFieldByColor;
    const categories = [...new Set(rows.map((r) => String(r[x])))];
    const groups = group ? [...new Set(rows.map((r) => String(r[group])))] : [axes.y.label ?? y];
    const datasets = groups.map((g, i) => ({
      label: g,
      backgroundColor: PALETTE[i % PALETTE.length],
      data: categories.map((c) => rows.filter((r) => String(r[x]) === c && (!group || String(r[group]) === g)).reduce((sum, r) => sum + Number(r[y] ?? 0), 0)),
    }));
    const stacked = Boolean(axes.options?.stacking);
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: categories, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: Boolean(group) }, title: { display: Boolean(options?.title), text: options?.title ?? '' } },
        scales: { x: { stacked, title: { display: Boolean(axes.x.label), text: axes.x.label ?? '' } }, y: { stacked, beginAtZero: true, ticks: { precision: 0 }, title: { display: Boolean(axes.y.label), text: axes.y.label ?? '' } } },
      },
    });
    return () => chart.destroy();
  }, [rows, axes, options]);
  return (
    <div className="hs-chart" {...tid(testId)} data-rows={JSON.stringify(rows)}>
      <canvas ref={canvas} />
    </div>
  );
}
