// Warns before leaving a page whose form holds changes that were not sent. Pages work
// without this file: it only adds the browser's "leave this page?" question.
(() => {
  let dirty = false;
  const isField = (el) => el instanceof HTMLElement && el.closest('form[method="post"]') !== null && !el.closest('[data-no-unsaved-warning]');
  const mark = (event) => {
    if (isField(event.target)) dirty = true;
  };
  document.addEventListener('input', mark);
  document.addEventListener('change', mark);
  // Sending a form is not leaving it: the server keeps every field on any outcome.
  document.addEventListener('submit', () => {
    dirty = false;
  });
  window.addEventListener('beforeunload', (event) => {
    if (!dirty) return;
    event.preventDefault();
    // Older browsers ask only when a return value is set.
    event.returnValue = '';
  });
})();
