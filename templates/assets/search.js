// bantin search page: Pagefind's search library, with Vietnamese folding (the same function the
// slugs use, served as fold.js) and results that match the query as typed ranked first.
const PAGE = 10;
const EXCERPT_WORDS = 30;

const root = document.getElementById('search');
if (root) start(root);

async function start(root) {
  const strings = JSON.parse(root.dataset.strings);
  const form = document.querySelector('.search-form');
  const input = form.querySelector('input[name="q"]');
  const status = root.querySelector('.search-status');
  const list = root.querySelector('.search-results');
  const more = root.querySelector('.search-more');
  const filterBox = root.querySelector('.search-filters');
  const selects = [...filterBox.querySelectorAll('select')];
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  root.hidden = false;

  let pagefind;
  let fold;
  try {
    [pagefind, { foldDiacritics: fold }] = await Promise.all([
      import(`${root.dataset.bundle}pagefind.js`),
      import(root.dataset.fold),
    ]);
    await pagefind.options({ basePath: root.dataset.bundle, baseUrl: root.dataset.base });
    await pagefind.init();
  } catch {
    status.textContent = strings.unavailable;
    return;
  }

  const totals = await pagefind.filters();
  const collator = new Intl.Collator(root.dataset.lang);
  for (const select of selects) {
    const values = Object.keys(totals[select.name] ?? {});
    // Note: years (2024) and months (2024-05) sort newest first as text.
    if (select.name === 'year' || select.name === 'month') values.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    else values.sort((a, b) => collator.compare(a, b));
    select.append(new Option(strings.all, ''));
    for (const value of values) select.append(new Option(value, value));
    select.value = values.includes(params.get(select.name)) ? params.get(select.name) : '';
    select.closest('label').hidden = values.length === 0;
  }
  filterBox.hidden = selects.every((s) => s.closest('label').hidden);
  showCounts(selects, totals);

  let generation = 0;
  let pending = [];
  let terms = [];

  async function run() {
    const query = input.value.trim();
    const filters = {};
    for (const s of selects) if (s.value) filters[s.name] = s.value;
    const next = new URLSearchParams();
    if (query) next.set('q', query);
    for (const [k, v] of Object.entries(filters)) next.set(k, v);
    history.replaceState(null, '', `${location.pathname}${next.toString() ? `?${next}` : ''}`);

    const id = ++generation;
    list.replaceChildren();
    more.hidden = true;
    if (!query && !Object.keys(filters).length) {
      status.textContent = '';
      showCounts(selects, totals);
      return;
    }
    status.textContent = strings.loading;
    const { results, counts } = await searchExactFirst(pagefind, fold, query, filters);
    if (id !== generation) return;
    showCounts(selects, counts);
    terms = words(fold(query).toLowerCase());
    const count = results.length;
    pending = results;
    await showMore(id);
    if (id !== generation) return;
    // Note: the count is announced once the first results are on the page, so both arrive together.
    const text = count === 0 ? strings.none : count === 1 ? strings.resultOne : strings.results;
    status.textContent = fill(text, { count: String(count), query });
  }

  async function showMore(id) {
    const batch = pending.splice(0, PAGE);
    const data = await Promise.all(batch.map((r) => r.data()));
    if (id !== generation) return;
    for (const d of data) list.append(resultItem(d, terms, fold, root.dataset.marker));
    more.hidden = pending.length === 0;
  }

  let timer;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  for (const s of selects) s.addEventListener('change', run);
  more.addEventListener('click', () => showMore(generation));
  if (input.value || selects.some((s) => s.value)) run();
}

/**
 * Searches the query as typed, diacritics exact, then its folded form (which also finds `đ`
 * through the index's folded words); results of the first come first. `counts`: for each filter,
 * how many of the results each of its values has, the other filters applied (the folded search
 * finds every result the exact one does).
 */
async function searchExactFirst(pagefind, fold, query, filters) {
  const folded = fold(query);
  const term = query ? folded : null;
  const loose = await exclusive(() => pagefind.search(term, { filters }));
  const counts = { ...loose.filters };
  for (const name of Object.keys(filters)) {
    const { [name]: _mine, ...others } = filters;
    counts[name] = (await exclusive(() => pagefind.search(term, { filters: others }))).filters[name] ?? {};
  }
  // Note: a query with a digit may be a document's number (`215 qd ubnd`): the document of that
  // number comes first, before those whose numbers only begin with it (see `numberSearchKey`).
  const byNumber = /\d/.test(query) ? (await exclusive(() => pagefind.search(numberKey(fold, query), { filters }))).results : [];
  const first = (results) => {
    const seen = new Set(byNumber.map((r) => r.id));
    return [...byNumber, ...results.filter((r) => !seen.has(r.id))];
  };
  if (!query || folded === query) return { results: first(loose.results), counts };
  const exact = await exclusive(async () => {
    await pagefind.options({ exactDiacritics: true });
    try {
      return await pagefind.search(query, { filters });
    } finally {
      await pagefind.options({ exactDiacritics: false });
    }
  });
  const seen = new Set(exact.results.map((r) => r.id));
  return { results: first([...exact.results, ...loose.results.filter((r) => !seen.has(r.id))]), counts };
}

/** A query as the one word a document's number is indexed under (as `numberSearchKey` in src/search/records.ts). */
function numberKey(fold, query) {
  return `vb${fold(query.normalize('NFC')).toLowerCase().replace(/[^a-z0-9]+/g, '')}vb`;
}

/** Labels each filter value with its count in `counts`; a value no result has is disabled, unless chosen. */
function showCounts(selects, counts) {
  for (const select of selects) {
    for (const option of select.options) {
      if (!option.value) continue;
      const count = counts[select.name]?.[option.value] ?? 0;
      option.textContent = `${option.value} (${count})`;
      option.disabled = count === 0 && select.value !== option.value;
    }
  }
}

// Note: `exactDiacritics` is a global Pagefind option, so searches run one at a time.
let queue = Promise.resolve();
function exclusive(task) {
  const run = queue.then(task);
  queue = run.catch(() => {});
  return run;
}

function resultItem(data, terms, fold, marker) {
  const li = document.createElement('li');
  li.className = 'search-result';
  const h2 = document.createElement('h2');
  const a = document.createElement('a');
  a.href = data.url;
  a.textContent = data.meta.title ?? data.url;
  h2.append(a);
  const meta = document.createElement('p');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = data.meta.datetime ?? '';
  time.textContent = data.meta.date ?? '';
  meta.append(time);
  if (data.meta.province) meta.append(` · ${data.meta.province}`);
  const p = document.createElement('p');
  p.className = 'search-excerpt';
  p.append(excerpt(data.content.split(marker)[0], data.meta.title ?? '', terms, fold));
  li.append(h2, meta, p);
  return li;
}

/** The stretch of the published text with the most matching words, those words in <mark>. */
function excerpt(content, title, terms, fold) {
  let text = content.trim();
  if (title && text.startsWith(title)) text = text.slice(title.length).replace(/^[.\s]+/, '');
  const all = text.split(/\s+/).filter(Boolean);
  const hit = matches(all, terms, fold);
  let start = 0;
  let best = -1;
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    if (hit[i]) count++;
    if (i >= EXCERPT_WORDS && hit[i - EXCERPT_WORDS]) count--;
    const from = Math.max(0, i - EXCERPT_WORDS + 1);
    if (count > best) {
      best = count;
      start = from;
    }
  }
  // Note: start the window a few words before its first match, so the match has context.
  const first = hit.indexOf(true, start);
  if (first > start + 5) start = Math.max(0, Math.min(first - 5, all.length - EXCERPT_WORDS));
  const end = Math.min(all.length, start + EXCERPT_WORDS);
  const out = document.createDocumentFragment();
  if (start > 0) out.append('… ');
  for (let i = start; i < end; i++) {
    if (i > start) out.append(' ');
    if (hit[i]) {
      // Note: punctuation around a word stays outside its <mark>.
      const [, lead, core, trail] = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(all[i]);
      const mark = document.createElement('mark');
      mark.textContent = core;
      out.append(lead, mark, trail);
    } else {
      out.append(all[i]);
    }
  }
  if (end < all.length) out.append(' …');
  return out;
}

/**
 * Which words a query's folded terms match: a word whose folded form is a term (`dan` marks "dân"
 * and "dan", not "danh" or "đảng"); the last term, when no word is it whole, also as the start of
 * a word, as Pagefind matches a word still being typed.
 */
function matches(all, terms, fold) {
  const folded = all.map((w) => fold(w).toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
  const whole = new Set(terms);
  const last = terms[terms.length - 1];
  const prefix = last !== undefined && !folded.includes(last);
  return folded.map((f) => whole.has(f) || (prefix && f.startsWith(last)));
}

function words(text) {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (all, name) => values[name] ?? all);
}
