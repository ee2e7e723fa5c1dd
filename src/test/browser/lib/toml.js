// The part of TOML that netlify.toml files use here: [table], [[array of tables]], and key = "string" | 'string' |
// integer | true | false, with # comments. Anything else throws, so that a rule the stand-in cannot read fails the
// tests instead of being ignored.
export function parseToml(text) {
  const root = {};
  let current = root;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw).trim();
    if (line === "") return;
    const where = `line ${index + 1}`;
    let match;
    if ((match = /^\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]$/.exec(line))) {
      const [parent, key] = descend(root, match[1]);
      parent[key] ??= [];
      if (!Array.isArray(parent[key])) throw new Error(`${where}: ${match[1]} is not an array of tables`);
      current = {};
      parent[key].push(current);
    } else if ((match = /^\[\s*([A-Za-z0-9_.-]+)\s*\]$/.exec(line))) {
      const [parent, key] = descend(root, match[1]);
      current = parent[key] ??= {};
    } else if ((match = /^([A-Za-z0-9_-]+|"[^"]*")\s*=\s*(.+)$/.exec(line))) {
      const key = match[1].replace(/^"|"$/g, "");
      if (key in current) throw new Error(`${where}: ${key} given twice`);
      current[key] = parseValue(match[2].trim(), where);
    } else {
      throw new Error(`${where}: not understood by this TOML subset: ${line}`);
    }
  });
  return root;
}

function descend(root, dotted) {
  const keys = dotted.split(".");
  let table = root;
  for (const key of keys.slice(0, -1)) {
    table = table[key] ??= {};
    if (Array.isArray(table)) table = table[table.length - 1];
  }
  return [table, keys[keys.length - 1]];
}

function parseValue(text, where) {
  if (text.startsWith('"')) {
    const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
    if (!match) throw new Error(`${where}: unterminated string ${text}`);
    return match[1].replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, escape) => unescape(escape, where));
  }
  if (text.startsWith("'")) {
    const match = /^'([^']*)'$/.exec(text);
    if (!match) throw new Error(`${where}: unterminated literal string ${text}`);
    return match[1];
  }
  if (/^[+-]?\d+$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  throw new Error(`${where}: value not understood by this TOML subset: ${text}`);
}

function unescape(escape, where) {
  const simple = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\", b: "\b", f: "\f" }[escape];
  if (simple !== undefined) return simple;
  if (escape.startsWith("u")) return String.fromCharCode(parseInt(escape.slice(1), 16));
  throw new Error(`${where}: unknown escape \\${escape}`);
}

// A # starts a comment unless it is inside a string.
function stripComment(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "#") {
      return line.slice(0, i);
    }
  }
  return line;
}
