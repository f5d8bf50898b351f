// The official openai npm client (7.x) against a running `autonet serve` of a VL-JEPA: embeds a text and a PNG data
// URL in one request (one space, one width), and asks /v1/kvectors (Autonet's own endpoint, through the client's
// generic post) for a context with and without an image. Prints one JSON line with the vectors it got; exits 1 on
// any mismatch. Usage: node multimodal.mjs BASE_URL PNG_BASE64 TEXT
import OpenAI from 'openai';

const [baseURL, png, text] = process.argv.slice(2);
const client = new OpenAI({ baseURL: new URL('v1', baseURL).toString(), apiKey: 'local-node' });
const fail = (why) => { console.error(`openai client: ${why}`); process.exit(1); };

const both = await client.embeddings.create({ model: 'vl', input: [text, `data:image/png;base64,${png}`], encoding_format: 'float' });
const [textVector, imageVector] = both.data.map((d) => d.embedding);
if (both.data.length !== 2 || textVector.length !== imageVector.length) fail(`embeddings ${both.data.length}, widths ${textVector.length}/${imageVector.length}`);
const base64 = await client.embeddings.create({ model: 'vl', input: `data:image/png;base64,${png}` }); // the client's default: base64
if (base64.data[0].embedding.some((x, i) => Math.abs(x - imageVector[i]) > 1e-6)) fail('base64 and float image embeddings differ');

const messages = [{ role: 'user', content: text }];
const plain = await client.post('/kvectors', { body: { model: 'vl', messages, encoding_format: 'float' } });
const seen = await client.post('/kvectors', { body: { model: 'vl', messages, image: png, encoding_format: 'float' } });
if (plain.data.length !== plain.k * plain.d || seen.data.length !== plain.data.length) fail(`kvectors ${plain.k} x ${plain.d}: ${plain.data.length} and ${seen.data.length} floats`);

let refusal = null;
try {
  await client.post('/kvectors', { body: { model: 'vl', messages, image: 'bm90IGFuIGltYWdl' } });
} catch (e) {
  refusal = { status: e.status, param: e.param, code: e.code };
}
if (refusal?.status !== 400 || refusal.param !== 'image') fail(`refusal ${JSON.stringify(refusal)}`);

console.log(JSON.stringify({ text: textVector, image: imageVector, k: plain.k, d: plain.d, plain: plain.data, withImage: seen.data, refusal }));
