/** Copy buttons of the cite panel, loaded on the panel's first click. */
import { announcer } from "./announce.ts";

/**
 * Copies the citation a button names into the clipboard and says so: on the
 * button, and to screen readers, which read its label ("Copy APA 7 citation").
 */
function copy(button: HTMLButtonElement, say: (message: string) => void): void {
  const text = document.getElementById(button.dataset.copy ?? "")?.innerText ?? "";
  const label = button.textContent;
  const named = button.getAttribute("aria-label") ?? label ?? "";
  void navigator.clipboard.writeText(text).then(
    () => {
      button.textContent = "Copied";
      say(`${named.replace(/^Copy/, "Copied")}.`);
      setTimeout(() => (button.textContent = label), 1500);
    },
    () => {
      button.textContent = "Copy failed";
      say("Copy failed.");
    },
  );
}

const buttonOf = (event: Event | undefined): HTMLButtonElement | null =>
  event?.target instanceof Element ? event.target.closest("button[data-copy]") : null;

/** Handles the click that loaded this module, then every later one. */
export function start(panel: HTMLElement, event?: Event): void {
  const say = announcer(panel);
  const first = buttonOf(event);
  if (first) copy(first, say);
  panel.addEventListener("click", (later) => {
    const button = buttonOf(later);
    if (button) copy(button, say);
  });
}
