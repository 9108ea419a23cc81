/** Copy buttons of the cite panel, loaded on the panel's first click. */

/** Copies the citation a button names into the clipboard and says so. */
function copy(button: HTMLButtonElement): void {
  const text = document.getElementById(button.dataset.copy ?? "")?.innerText ?? "";
  const label = button.textContent;
  void navigator.clipboard.writeText(text).then(
    () => {
      button.textContent = "Copied";
      setTimeout(() => (button.textContent = label), 1500);
    },
    () => (button.textContent = "Copy failed"),
  );
}

const buttonOf = (event: Event | undefined): HTMLButtonElement | null =>
  event?.target instanceof Element ? event.target.closest("button[data-copy]") : null;

/** Handles the click that loaded this module, then every later one. */
export function start(panel: HTMLElement, event?: Event): void {
  const first = buttonOf(event);
  if (first) copy(first);
  panel.addEventListener("click", (later) => {
    const button = buttonOf(later);
    if (button) copy(button);
  });
}
