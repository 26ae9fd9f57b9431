/** Text as XML 1.0 can carry it, for every part of an .xlsx file. */

/** Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as a valid XML string: each character XML cannot carry becomes U+FFFD, visibly, instead of corrupting the file. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, "\uFFFD");
