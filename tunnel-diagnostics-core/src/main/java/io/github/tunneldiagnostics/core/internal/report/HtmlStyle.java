package io.github.tunneldiagnostics.core.internal.report;

/** The HTML report's style sheet: system fonts only, colour plus words for every state, print rules. */
final class HtmlStyle {
  private HtmlStyle() {}

  static final String CSS = """
      :root { --ok: #1a7f37; --warning: #9a6700; --broken: #cf222e; --unchecked: #6e7781; --ink: #1f2328; --line: #d0d7de; }
      * { box-sizing: border-box; }
      body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink);
             max-width: 1100px; margin: 0 auto; padding: 16px 24px 32px; }
      code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em; overflow-wrap: anywhere; }
      header.verdict { border-radius: 8px; padding: 12px 18px; color: #fff; margin-bottom: 12px; }
      header.verdict h1 { margin: 0; font-size: 1.6em; }
      header.verdict p { margin: 4px 0 0; }
      header.healthy { background: var(--ok); } header.degraded { background: var(--warning); } header.broken { background: var(--broken); }
      dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 8px; }
      dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; }
      h2 { border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
      article.route { border: 1px solid var(--line); border-left: 6px solid var(--unchecked); border-radius: 6px; padding: 4px 14px 12px; margin: 12px 0; }
      article.route.healthy { border-left-color: var(--ok); } article.route.degraded { border-left-color: var(--warning); }
      article.route.broken { border-left-color: var(--broken); }
      article.route h3 { font-size: 1.05em; overflow-wrap: anywhere; }
      .badge { font-size: 0.8em; padding: 1px 8px; border-radius: 10px; color: #fff; background: var(--unchecked); }
      .healthy .badge { background: var(--ok); } .degraded .badge { background: var(--warning); } .broken .badge { background: var(--broken); }
      svg.chain { display: block; max-width: 100%; height: auto; }
      svg.chain .joint { fill: none; stroke: #8c959f; stroke-width: 2; }
      svg.chain rect { fill: #f6f8fa; stroke: var(--unchecked); stroke-width: 1.5; }
      svg.chain circle { fill: var(--unchecked); }
      svg.chain .glyph { fill: #fff; font: bold 13px sans-serif; text-anchor: middle; }
      svg.chain .label { fill: var(--ink); font: 600 13px ui-monospace, "DejaVu Sans Mono", monospace; }
      svg.chain .note { fill: #57606a; font: 12px ui-monospace, "DejaVu Sans Mono", monospace; }
      svg.chain .ok rect { fill: #dafbe1; stroke: var(--ok); } svg.chain .ok circle { fill: var(--ok); }
      svg.chain .warning rect { fill: #fff8c5; stroke: var(--warning); } svg.chain .warning circle { fill: var(--warning); }
      svg.chain .broken rect { fill: #ffebe9; stroke: var(--broken); stroke-width: 2.5; } svg.chain .broken circle { fill: var(--broken); }
      svg.chain .unchecked rect { stroke-dasharray: 4 3; }
      .legend .key { display: inline-block; padding: 0 8px; margin-right: 6px; border-left: 12px solid var(--unchecked); }
      .legend .ok { border-color: var(--ok); } .legend .warning { border-color: var(--warning); } .legend .broken { border-color: var(--broken); }
      h3.group.error { color: var(--broken); } h3.group.warning { color: var(--warning); }
      article.finding { border: 1px solid var(--line); border-left: 6px solid var(--unchecked); border-radius: 6px; padding: 2px 14px 8px; margin: 10px 0; }
      article.finding.error { border-left-color: var(--broken); } article.finding.warning { border-left-color: var(--warning); }
      article.finding h4 { margin: 10px 0 6px; overflow-wrap: anywhere; }
      .severity { font-size: 0.8em; padding: 1px 6px; border-radius: 4px; color: #fff; background: var(--unchecked); }
      .error .severity { background: var(--broken); } .warning .severity { background: var(--warning); }
      p.fix { background: #f6f8fa; border-radius: 4px; padding: 6px 10px; }
      p.check { color: #57606a; margin: 4px 0; }
      table { border-collapse: collapse; margin: 6px 0; }
      table caption { text-align: left; font-weight: 600; padding: 2px 0; }
      th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
      table.evidence th { font-weight: normal; background: #f6f8fa; white-space: nowrap; }
      footer { margin-top: 28px; color: #57606a; font-size: 0.85em; }
      @media print {
        body { font-size: 10.5pt; max-width: none; padding: 0; }
        * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        article.route, article.finding, table.evidence tr { break-inside: avoid; }
        h2, h3, h4 { break-after: avoid; }
      }
      """;
}
