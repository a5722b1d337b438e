package dev.snapref.conformance.report;

/**
 * The scripts {@link ReportInBrowserTest} evaluates in the page: what a person sees (positions
 * against the viewport, the links, the graph labels' rendered boxes) and the table controls.
 */
final class BrowserProbe {
    /** Returns the facts {@link ReportInBrowserTest} asserts, as one object. */
    static final String SCRIPT = """
            (() => {
              const rect = e => e ? e.getBoundingClientRect() : null;
              const out = {viewportHeight: window.innerHeight};
              out.verdict = document.querySelector('.verdict').textContent;
              out.articles = Array.from(document.querySelectorAll('article.failure')).map(a => a.id.replace(/^fail-/, ''));
              out.indexLinkBottom = {};
              document.querySelectorAll('ul.index a').forEach(a => {
                out.indexLinkBottom[a.textContent] = rect(a).bottom; });
              const first = document.querySelector('article.failure');
              out.firstArticleTop = first ? rect(first).top : -1;
              const pre = first ? first.querySelector('pre.script') : null;
              out.firstScriptBottom = pre ? rect(pre).bottom : 1e9;
              out.firstScriptLines = pre ? pre.textContent.split('\\n').filter(l => l.trim()).length : 0;
              const replay = first ? first.querySelector('.replay code') : null;
              out.firstReplay = replay ? replay.textContent : '';
              out.externalScripts = Array.from(document.querySelectorAll('script[src],link[href],img[src],iframe'))
                .map(e => e.outerHTML);
              out.missingAnchors = [];
              out.fileLinks = [];
              document.querySelectorAll('a[href]').forEach(a => {
                const h = a.getAttribute('href');
                if (h.startsWith('#')) {
                  if (!document.getElementById(decodeURIComponent(h.slice(1)))) { out.missingAnchors.push(h); }
                } else { out.fileLinks.push(a.href); }
              });
              const boxes = Array.from(document.querySelectorAll('svg.phases text')).map(t => rect(t));
              out.labels = boxes.length;
              out.labelOverlaps = [];
              for (let i = 0; i < boxes.length; i++) {
                for (let j = i + 1; j < boxes.length; j++) {
                  const a = boxes[i], b = boxes[j];
                  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
                    out.labelOverlaps.push(i + '/' + j);
                  }
                }
              }
              return out;
            })()
            """;

    /** Clicks "failing", counts the rows shown, clicks "all", sorts by steps; returns what it saw. */
    static final String FILTER_AND_SORT = """
            (() => {
              const rows = () => Array.from(document.querySelectorAll('table.clauses tbody tr'));
              const shown = () => rows().filter(r => !r.hidden && r.offsetParent !== null).length;
              const out = {rows: rows().length};
              document.querySelector('.controls button[data-status=FAIL]').click();
              out.failingShown = shown();
              document.querySelector('.controls button[data-status=all]').click();
              out.allShown = shown();
              const heads = Array.from(document.querySelectorAll('table.clauses thead th'));
              const col = heads.findIndex(h => h.textContent.trim() === 'steps');
              heads[col].click();
              const steps = rows().map(r => Number(r.cells[col].textContent));
              out.stepsSorted = steps.every((v, i) => i === 0 || steps[i - 1] <= v);
              document.querySelectorAll('button.copy').forEach((b, i) => { if (i < 2) { b.click(); } });
              return out;
            })()
            """;

    private BrowserProbe() {
    }
}
