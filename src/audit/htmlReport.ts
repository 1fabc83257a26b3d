import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AuditResult } from './runAudit.js';
import { auditSummary } from './auditSummary.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function chartJs(): string {
  // Resolved from this package: __filename under jest (CommonJS); otherwise the package root the
  // `handoff` binary records (under npx that is the npx cache, not the directory it runs in).
  const root = process.env.HANDOFF_PACKAGE_ROOT;
  const from = typeof __filename === 'string' ? __filename : root ? join(root, 'package.json') : (process.argv[1] ?? `${process.cwd()}/`);
  const require = createRequire(from);
  // chart.js exports no subpath for its browser build: find it beside the CommonJS entry.
  return readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
}

interface ChartSpec {
  id: string;
  title: string;
  config: unknown;
}

function charts(a: AuditResult): ChartSpec[] {
  const bar = (labels: string[], datasets: { label: string; data: number[] }[], stacked = false) => ({
    type: 'bar',
    data: { labels, datasets },
    options: { animation: false, responsive: true, plugins: { legend: { display: datasets.length > 1 } }, scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  if (a.mode === 'handoff') {
    return [
      { id: 'funnel', title: 'MQL → SQL → opportunity', config: bar(['MQL', 'SQL', 'Opportunity'], [{ label: 'Leads', data: [a.funnel.mql, a.funnel.sql, a.funnel.opportunity] }]) },
      {
        id: 'sla',
        title: 'Response SLA by owner (attempts: each turn with a lead)',
        config: bar(a.byOwner.map((o) => o.name), [
          { label: 'Met', data: a.byOwner.map((o) => o.met) },
          { label: 'Missed or breached', data: a.byOwner.map((o) => o.missed + o.breachedOpen) },
        ], true),
      },
      {
        id: 'touch',
        title: 'Median response time and time to first touch by owner (business minutes)',
        config: bar(a.byOwner.map((o) => o.name), [
          { label: 'Response', data: a.byOwner.map((o) => o.medianResponseMinutes ?? 0) },
          { label: 'First touch', data: a.byOwner.map((o) => o.medianFirstTouchMinutes ?? 0) },
        ]),
      },
    ];
  }
  return [
    { id: 'funnel', title: 'MQL → SQL → opportunity → customer', config: bar(['MQL', 'SQL', 'Opportunity', 'Customer'], [{ label: 'Leads', data: [a.funnel.mql, a.funnel.sql, a.funnel.opportunity, a.funnel.customer] }]) },
    {
      id: 'source',
      title: 'MQLs and opportunities by source',
      config: bar(a.bySource.map((s) => s.source), [
        { label: 'MQLs', data: a.bySource.map((s) => s.mql) },
        { label: 'Opportunities', data: a.bySource.map((s) => s.opportunity) },
      ]),
    },
    {
      id: 'owners',
      title: 'MQLs contacted by owner',
      config: bar(a.byOwner.map((o) => o.name), [
        { label: 'Contacted', data: a.byOwner.map((o) => o.touched) },
        { label: 'Never contacted', data: a.byOwner.map((o) => o.mqls - o.touched) },
      ], true),
    },
  ];
}

/** One self-contained HTML file (Chart.js inlined, no network) that a manager can forward. */
export function htmlReport(a: AuditResult, generatedAt: Date): string {
  const specs = charts(a);
  const summary = auditSummary(a);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(summary[0]!)}</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1000px;color:#213343}h1{font-size:1.4rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:1.5rem}figure{margin:0;padding:1rem;border:1px solid #cbd6e2;border-radius:8px}
figcaption{font-weight:600;margin-bottom:.5rem}pre{background:#f5f8fa;padding:1rem;border-radius:8px;white-space:pre-wrap}</style></head>
<body><h1>${escape(summary[0]!)}</h1><p>Generated ${escape(generatedAt.toISOString())} by <code>npx handoff audit</code>.</p>
<div class="grid">${specs.map((s) => `<figure><figcaption>${escape(s.title)}</figcaption><canvas id="${s.id}" data-chart="${s.id}"></canvas></figure>`).join('')}</div>
<h2>Summary</h2><pre>${escape(summary.slice(1).join('\n'))}</pre>
<script>${chartJs()}</script>
<script>const specs=${JSON.stringify(specs).replace(/</g, '\\u003c')};for(const s of specs){new Chart(document.getElementById(s.id),s.config);}document.body.dataset.chartsDrawn=String(specs.length);</script>
</body></html>
`;
}
