/**
 * Says a short message to screen readers: a visually hidden status region,
 * added to `container` once, whose text is set a moment after it exists (a
 * region that appears with its text is not always read).
 */
export function announcer(container: HTMLElement): (message: string) => void {
  const region = document.createElement("p");
  region.className = "visually-hidden";
  region.setAttribute("role", "status");
  container.append(region);
  return (message) => {
    region.textContent = "";
    setTimeout(() => (region.textContent = message), 100);
  };
}
