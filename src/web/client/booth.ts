/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Enhances each contest of the server-rendered ballot: the per-candidate number menus are hidden and
 * replaced by two lists, "Your ranking" and "Not ranked". Candidates move with buttons (so the keyboard
 * and switch access work), by dragging, and every change is announced in a live region. The hidden menus
 * are kept in step, so the form submits exactly what the no-JavaScript ballot would.
 */
import { ordinal } from '../layout.ts';

interface Candidate {
  readonly index: number;
  readonly name: string;
  readonly menu: HTMLSelectElement;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text = ''): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  if (text !== '') e.textContent = text;
  return e;
}

class Ranker {
  private ranked: number[];
  private readonly rankedList = element('ol');
  private readonly unrankedList = element('ul');
  private readonly live = element('p', { className: 'sr-only' });

  constructor(
    private readonly contest: string,
    private readonly candidates: readonly Candidate[],
    private readonly limit: number,
  ) {
    this.ranked = candidates
      .filter((c) => c.menu.value !== '')
      .sort((a, b) => Number(a.menu.value) - Number(b.menu.value))
      .map((c) => c.index);
  }

  mount(fieldset: HTMLFieldSetElement, numbers: HTMLElement): void {
    const box = element('div', { className: 'ranker' });
    box.append(this.column('Your ranking', 'ranked', this.rankedList), this.column('Not ranked', 'unranked', this.unrankedList));
    this.live.setAttribute('aria-live', 'polite');
    numbers.hidden = true;
    fieldset.append(box, this.live);
    const help = fieldset.querySelector('.hint');
    if (help) help.textContent += ' Use the Add, Up, Down and Remove buttons, or drag the names.';
    for (const list of [this.rankedList, this.unrankedList]) {
      list.addEventListener('dragover', (ev) => this.dragOver(ev, list));
      list.addEventListener('dragleave', () => list.classList.remove('drop-target'));
      list.addEventListener('drop', (ev) => this.drop(ev, list));
    }
    this.render();
  }

  private column(title: string, key: string, list: HTMLElement): HTMLElement {
    const id = `${key}-${this.contest}`;
    const col = element('div');
    col.append(element('h3', { id }, title));
    list.setAttribute('aria-labelledby', id);
    col.append(list);
    return col;
  }

  private name(index: number): string {
    return this.candidates[index]?.name ?? '';
  }

  private render(focus?: string): void {
    this.rankedList.replaceChildren(...this.ranked.map((c, pos) => this.rankedItem(c, pos)));
    const unranked = this.candidates.filter((c) => !this.ranked.includes(c.index));
    this.unrankedList.replaceChildren(...unranked.map((c) => this.unrankedItem(c.index)));
    for (const c of this.candidates) {
      const pos = this.ranked.indexOf(c.index);
      c.menu.value = pos < 0 ? '' : String(pos + 1);
    }
    if (focus !== undefined) this.focus(focus);
  }

  /** Focus goes back to the control the voter used, or the nearest one still enabled, so they keep their place. */
  private focus(key: string): void {
    const wanted = document.getElementById(key) as HTMLButtonElement | null;
    const [, , index] = key.split(':');
    const fallback = [...document.querySelectorAll<HTMLButtonElement>(`button[id$=":${index}"]`)].find((b) => !b.disabled && b.id.includes(this.contest));
    (wanted && !wanted.disabled ? wanted : (fallback ?? this.rankedList.querySelector('button') ?? this.unrankedList.querySelector('button')))?.focus();
  }

  private button(action: string, index: number, text: string, label: string, disabled: boolean, run: () => void): HTMLButtonElement {
    const b = element('button', { type: 'button', className: 'small secondary', id: `${this.contest}:${action}:${index}`, disabled }, text);
    b.setAttribute('aria-label', label);
    b.addEventListener('click', run);
    return b;
  }

  private draggable(li: HTMLLIElement, index: number): HTMLLIElement {
    li.draggable = true;
    li.dataset.index = String(index);
    li.addEventListener('dragstart', (ev) => ev.dataTransfer?.setData('text/plain', `${this.contest}:${index}`));
    return li;
  }

  private rankedItem(index: number, pos: number): HTMLLIElement {
    const name = this.name(index);
    const li = this.draggable(element('li'), index);
    const moves = element('span', { className: 'moves' });
    moves.append(
      this.button('up', index, 'Up', `Move ${name} up`, pos === 0, () => this.move(index, pos - 1, 'up')),
      this.button('down', index, 'Down', `Move ${name} down`, pos === this.ranked.length - 1, () => this.move(index, pos + 1, 'down')),
      this.button('remove', index, 'Remove', `Remove ${name} from your ranking`, false, () => this.remove(index)),
    );
    li.append(element('span', { className: 'rank' }, ordinal(pos + 1)), element('span', { className: 'who' }, name), moves);
    return li;
  }

  private unrankedItem(index: number): HTMLLIElement {
    const name = this.name(index);
    const full = this.ranked.length >= this.limit;
    const next = ordinal(this.ranked.length + 1);
    const li = this.draggable(element('li'), index);
    li.append(element('span', { className: 'who' }, name), this.button('add', index, 'Add', `Add ${name} as your ${next} preference`, full, () => this.add(index)));
    return li;
  }

  private add(index: number, at = this.ranked.length): void {
    if (this.ranked.length >= this.limit) return this.say(`You have used all ${this.limit} preferences.`);
    this.ranked.splice(at, 0, index);
    this.render(`${this.contest}:remove:${index}`);
    this.say(`${this.name(index)} is your ${ordinal(at + 1)} preference. ${this.summary()}`);
  }

  private move(index: number, to: number, key: string): void {
    this.ranked = this.ranked.filter((c) => c !== index);
    this.ranked.splice(to, 0, index);
    this.render(`${this.contest}:${key}:${index}`);
    this.say(`${this.name(index)} moved to ${ordinal(to + 1)}. ${this.summary()}`);
  }

  private remove(index: number): void {
    this.ranked = this.ranked.filter((c) => c !== index);
    this.render(`${this.contest}:add:${index}`);
    this.say(`${this.name(index)} removed from your ranking. ${this.summary()}`);
  }

  private summary(): string {
    return this.ranked.length === 0 ? 'No one is ranked.' : `Ranking: ${this.ranked.map((c, i) => `${ordinal(i + 1)} ${this.name(c)}`).join(', ')}.`;
  }

  private say(text: string): void {
    this.live.textContent = text;
  }

  private dragged(ev: DragEvent): number | undefined {
    const [contest, index] = (ev.dataTransfer?.getData('text/plain') ?? '').split(':');
    return contest === this.contest && index !== undefined && index !== '' ? Number(index) : undefined;
  }

  private dragOver(ev: DragEvent, list: HTMLElement): void {
    ev.preventDefault();
    list.classList.add('drop-target');
  }

  /** Dropped on the ranking: placed before the item under the pointer (or last); dropped on the rest: removed. */
  private drop(ev: DragEvent, list: HTMLElement): void {
    ev.preventDefault();
    list.classList.remove('drop-target');
    const index = this.dragged(ev);
    if (index === undefined) return;
    if (list === this.unrankedList) return this.ranked.includes(index) ? this.remove(index) : undefined;
    const items = [...this.rankedList.children] as HTMLElement[];
    const below = items.find((li) => ev.clientY < li.getBoundingClientRect().top + li.offsetHeight / 2);
    const before = below === undefined ? undefined : Number(below.dataset.index);
    const was = this.ranked.indexOf(index);
    const rest = this.ranked.filter((c) => c !== index);
    const at = before === undefined || before === index ? (before === index ? was : rest.length) : rest.indexOf(before);
    if (was >= 0) this.move(index, at, 'up');
    else this.add(index, at);
  }
}

for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>('fieldset.contest')) {
  const numbers = fieldset.querySelector<HTMLElement>('ol.numbers');
  if (!numbers) continue;
  const candidates = [...numbers.querySelectorAll<HTMLLIElement>('li')].map((li) => ({
    index: Number(li.dataset.index),
    name: li.dataset.name ?? '',
    menu: li.querySelector('select') as HTMLSelectElement,
  }));
  new Ranker(fieldset.dataset.contest ?? '', candidates, Number(fieldset.dataset.limit)).mount(fieldset, numbers);
}
