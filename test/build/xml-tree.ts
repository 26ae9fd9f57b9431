/*
 * A minimal XML reader for the manifest tests: elements, attributes and text, no DTDs or processing instructions
 * beyond the XML declaration. Enough for an Office add-in manifest; strict about mismatched tags.
 */

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:Image". */
  name: string;
  /** Name without its prefix, e.g. "Image". */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content, trimmed. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[ref];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

export function parseXml(source: string): XmlElement {
  const body = source
    .replace(/^\uFEFF/, "")
    .replace(/<\?xml[\s\S]*?\?>/, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const token = /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const attr = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let match: RegExpExecArray | null;
  while ((match = token.exec(body)) !== null) {
    const [, closing, name, attrText, selfClosing, text, stray] = match;
    if (stray) throw new Error(`malformed markup at offset ${match.index}`);
    if (text !== undefined) {
      if (stack.length > 0) stack[stack.length - 1].text += decode(text);
      else if (text.trim() !== "") throw new Error("text outside the root element");
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> does not close <${open ? open.name : "nothing"}>`);
      open.text = open.text.trim();
      continue;
    }
    const element: XmlElement = { name, local: name.replace(/^.*:/, ""), attrs: {}, children: [], text: "" };
    for (const a of attrText.matchAll(attr)) element.attrs[a[1]] = decode(a[2] ?? a[3] ?? "");
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error("more than one root element");
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** All descendants (depth first, document order) whose local name is `local`. */
export function findAll(element: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    for (const child of e.children) {
      if (child.local === local) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

/** The only descendant with that local name (and matching attributes); throws when there are none or several. */
export function findOne(element: XmlElement, local: string, attrs: Record<string, string> = {}): XmlElement {
  const found = findAll(element, local).filter((e) => Object.entries(attrs).every(([k, v]) => e.attrs[k] === v));
  if (found.length !== 1) {
    throw new Error(`expected one <${local}> with ${JSON.stringify(attrs)}, found ${found.length}`);
  }
  return found[0];
}

/** Every attribute value and text node of the tree, except namespace declarations (xmlns, xmlns:*). */
export function allValues(element: XmlElement): string[] {
  const values = Object.entries(element.attrs)
    .filter(([name]) => name !== "xmlns" && !name.startsWith("xmlns:"))
    .map(([, value]) => value);
  if (element.text) values.push(element.text);
  for (const child of element.children) values.push(...allValues(child));
  return values;
}
