// What the pages say about their sources: where the data came from, or why a part is missing.

export function missingNote(source) {
  const div = document.createElement("div");
  div.className = "missing";
  div.textContent = source.present ? "" : source.message;
  return div;
}

export function sourceTable(sources) {
  const table = document.createElement("table");
  for (const s of [sources.lake, sources.model, sources.run]) {
    const tr = table.appendChild(document.createElement("tr"));
    tr.appendChild(document.createElement("th")).textContent = s.kind;
    tr.appendChild(document.createElement("td")).textContent = s.present ? s.path : "— " + s.message;
    tr.appendChild(document.createElement("td")).textContent = s.present ? (s.from === "env" ? "chosen" : "default") : "missing";
  }
  return table;
}
