// The official openai npm client (7.x) against a running `autonet serve`: lists models, embeds text (the client's
// default base64 and explicit float), embeds a PNG, streams a chat completion, and checks a refusal's error object.
// Prints one JSON line with what it saw; exits 1 on any mismatch. Usage: node client.mjs BASE_URL PNG_BASE64
import OpenAI from 'openai';

const [baseURL, png] = process.argv.slice(2);
const client = new OpenAI({ baseURL: new URL('v1', baseURL).toString(), apiKey: 'local-node' });
const fail = (why) => { console.error(`openai client: ${why}`); process.exit(1); };

const models = [];
for await (const m of client.models.list()) models.push(m.id);
if (!models.includes('text') || !models.includes('image') || !models.includes('autonet-chat')) fail(`models ${models}`);

const text = await client.embeddings.create({ model: 'text', input: ['hello world', 'second input'] });
const floats = await client.embeddings.create({ model: 'text', input: 'hello world', encoding_format: 'float' });
const a = text.data[0].embedding, b = floats.data[0].embedding;
if (a.length !== 32 || a.some((x, i) => Math.abs(x - b[i]) > 1e-6)) fail('base64 and float embeddings differ');

const image = await client.embeddings.create({ model: 'image', input: [png] });
if (image.data[0].embedding.length !== 32) fail('image embedding width');

const stream = await client.chat.completions.create({
  model: 'autonet-chat', stream: true, stream_options: { include_usage: true }, max_tokens: 12, temperature: 0,
  messages: [{ role: 'user', content: 'What is the Debian package vim for?' }],
});
let content = '', usage = null, chunks = 0, path = null;
for await (const chunk of stream) {
  chunks++;
  content += chunk.choices[0]?.delta?.content ?? '';
  if (chunk.usage) usage = chunk.usage;
  if (chunk.autonet) path = chunk.autonet.path;
}
if (!usage || usage.completion_tokens < 1 || chunks < 3) fail(`stream: ${chunks} chunks, usage ${JSON.stringify(usage)}`);

let refusal = null;
try {
  await client.embeddings.create({ model: 'no-such-model', input: 'x' });
} catch (e) {
  refusal = { status: e.status, param: e.param, code: e.code };
}
if (refusal?.status !== 404 || refusal.param !== 'model') fail(`refusal ${JSON.stringify(refusal)}`);

console.log(JSON.stringify({ models, width: a.length, chunks, content, usage, path, refusal }));
