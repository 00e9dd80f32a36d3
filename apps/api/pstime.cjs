const { Client } = require('pg');
const fs = require('fs');
(async () => {
  const [file, mode, pcm, n] = process.argv.slice(2);
  const text = fs.readFileSync(file, 'utf8');
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/jixiao_bench_city' });
  await c.connect();
  if (pcm) await c.query(`set plan_cache_mode = ${pcm}`);
  const values = text.includes('$1') ? ['abd0597a94ac0592b0da3ab23e3885bd426f58cccc202fccb410da9a654f8a7e', 2022, process.env.Q || '医院', `%${process.env.Q || '医院'}%`] : [];
  const pid = (await c.query('select pg_backend_pid() p')).rows[0].p;
  const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (+f[11] + +f[12]) * 10; };
  const q = () => mode === 'prepared' ? c.query({ name: 'x', text, values }) : c.query(text, values);
  for (let i = 0; i < 200; i++) await q();
  const c0 = cpu(), t0 = process.hrtime.bigint();
  for (let i = 0; i < +n; i++) await q();
  const t = Number(process.hrtime.bigint() - t0) / 1e6 / n, pc = (cpu() - c0) / n;
  console.log(`${file} ${mode} ${pcm||''}: ${t.toFixed(3)} ms/req wall, pg cpu ${pc.toFixed(3)} ms/req`);
  await c.end();
})();
