// bench/node-profile.js [SECONDS]: a CPU profile of a Node process (Unleash) over SECONDS (default 20), through its
// inspector: first `kill -USR1 <pid>` (the inspector opens on 127.0.0.1:9229), then
// `node --experimental-websocket bench/node-profile.js 30`. Prints the sample count, the functions with the most
// samples of their own, and the most samples inclusive of what they call (1 ms sampling; "(idle)" is the event loop
// waiting).
const secs = Number(process.argv[2] || 20);
(async () => {
  const list = await (await fetch('http://127.0.0.1:9229/json')).json();
  const ws = new WebSocket(list[0].webSocketDebuggerUrl);
  let id = 0; const pending = {};
  const send = (method, params = {}) => new Promise(r => { const i = ++id; pending[i] = r; ws.send(JSON.stringify({ id: i, method, params })); });
  ws.onmessage = m => { const d = JSON.parse(m.data); if (d.id && pending[d.id]) pending[d.id](d.result); };
  await new Promise(r => ws.onopen = r);
  await send('Profiler.enable'); await send('Profiler.setSamplingInterval', { interval: 1000 });
  await send('Profiler.start');
  await new Promise(r => setTimeout(r, secs * 1000));
  const { profile } = await send('Profiler.stop');
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map(); for (const s of profile.samples) self.set(s, (self.get(s) || 0) + 1);
  const parent = new Map(); for (const n of profile.nodes) for (const c of (n.children || [])) parent.set(c, n.id);
  const agg = new Map(), incl = new Map();
  for (const [nid, c] of self) {
    const n = byId.get(nid); const f = n.callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('node_modules/').pop()}:${f.lineNumber}`;
    agg.set(key, (agg.get(key) || 0) + c);
    let p = nid; const seen = new Set();
    while (p !== undefined) { const pn = byId.get(p).callFrame; const k = `${pn.functionName || '(anon)'} ${pn.url.split('node_modules/').pop()}:${pn.lineNumber}`; if (!seen.has(k)) { incl.set(k, (incl.get(k) || 0) + c); seen.add(k);} p = parent.get(p); }
  }
  const total = profile.samples.length;
  console.log('samples', total);
  console.log('--- self'); [...agg].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v, k));
  console.log('--- inclusive'); [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60).forEach(([k, v]) => console.log(v, k));
  process.exit(0);
})();
