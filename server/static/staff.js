// The copy button of an enquiry's page: copies the phone number it carries. The page works
// without it (the number is shown and dialled by its tel: link); the button only appears where
// the script runs.
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const status = document.getElementById(button.getAttribute('aria-describedby'));
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      status.textContent = '已复制';
    } catch {
      status.textContent = '复制不了，请长按号码复制';
    }
  });
}
