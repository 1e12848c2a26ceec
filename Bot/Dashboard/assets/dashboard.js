// The dashboard's charts, drawn with Chart.js from the data tables the server wrote beneath each chart: the tables
// are the figures, the charts only show them. No request leaves the page; nothing is read but the document.
'use strict';

(function () {
  const printButton = document.getElementById('print-page');
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener('click', () => window.print());
  }

  if (typeof window.Chart === 'undefined') return;
  const Chart = window.Chart;
  const charts = [];

  /** A colour of the theme, from the stylesheet's custom properties (light or dark). */
  function color(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function valueOf(cell) {
    const raw = cell ? cell.dataset.value : undefined;
    return raw === undefined || raw === '' ? null : Number(raw);
  }

  /** The datasets of a table: one per column header with data-series, in the table's order. */
  function read(table) {
    const headers = Array.from(table.tHead.rows[0].cells);
    const rows = Array.from(table.tBodies[0].rows);
    const horizontal = table.dataset.chart === 'bar-horizontal';
    const palette = [1, 2, 3, 4, 5, 6, 7].map((n) => color(`--chart-${n}`));
    // One series alone takes the theme's strong colour; several take the palette, light to dark (an ordered scale).
    const bars = headers.filter((th) => th.dataset.series === 'bar').length;
    let n = 0;
    const datasets = headers
      .map((th, index) => ({ th, index }))
      .filter(({ th }) => th.dataset.series)
      .map(({ th, index }) => {
        const line = th.dataset.series === 'line';
        const tint = line ? color('--chart-line') : bars === 1 ? color('--chart-4') : palette[n++ % palette.length];
        const dataset = {
          type: line ? 'line' : 'bar',
          label: th.textContent.trim(),
          data: rows.map((row) => valueOf(row.cells[index])),
          backgroundColor: tint,
          borderColor: tint,
          borderWidth: line ? 3 : 0,
          pointRadius: line ? 4 : 0,
          spanGaps: false,
          order: line ? 0 : 1,
        };
        if (!horizontal) dataset.yAxisID = th.dataset.axis === 'y2' ? 'y2' : 'y';
        return dataset;
      });
    return { labels: rows.map((row) => row.cells[0].textContent.trim()), datasets, horizontal };
  }

  function draw() {
    const text = color('--text');
    const grid = color('--grid');
    for (const table of document.querySelectorAll('table[data-chart]')) {
      const canvas = table.closest('figure')?.querySelector('canvas');
      if (!canvas) continue;
      const { labels, datasets, horizontal } = read(table);
      const stacked = table.dataset.stacked === 'true';
      const axis = (extra) => ({ ticks: { color: text }, grid: { color: grid }, ...extra });
      const scales = horizontal
        ? { x: axis({ beginAtZero: true }), y: axis({}) }
        : { x: axis({ stacked }), y: axis({ stacked, beginAtZero: true, ...(table.dataset.yMax ? { max: Number(table.dataset.yMax) } : {}) }) };
      if (datasets.some((d) => d.yAxisID === 'y2')) {
        scales.y2 = axis({
          position: 'right',
          min: Number(table.dataset.y2Min),
          max: Number(table.dataset.y2Max),
          grid: { drawOnChartArea: false, color: grid },
        });
      }
      charts.push(
        new Chart(canvas, {
          type: 'bar',
          data: { labels, datasets },
          options: {
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            indexAxis: horizontal ? 'y' : 'x',
            scales,
            plugins: { legend: { labels: { color: text } }, tooltip: { enabled: true } },
          },
        }),
      );
    }
  }

  draw();

  // The theme can change while the page is open (Teams or the system switching to dark): redraw in its colours.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    for (const chart of charts.splice(0)) chart.destroy();
    draw();
  });
  window.addEventListener('beforeprint', () => {
    for (const chart of charts) chart.resize();
  });
})();
