// Phare dashboard: small enhancements. Every page works without this script.
// A selector marked data-autosubmit submits its form as soon as it changes.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
// A form marked data-progress (the import form) is sent in the background so that the
// <progress> it names shows how much of the file has gone; the answer then replaces the page.
// Without this script the form is sent as usual.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form || !form.dataset || !form.dataset.progress || !window.FormData || !window.XMLHttpRequest) return;
  var bar = document.getElementById(form.dataset.progress);
  if (!bar) return;
  event.preventDefault();
  var request = new XMLHttpRequest();
  request.open("POST", form.action);
  bar.hidden = false;
  request.upload.addEventListener("progress", function (progress) {
    if (progress.lengthComputable) bar.value = Math.round((100 * progress.loaded) / progress.total);
  });
  request.addEventListener("load", function () {
    document.open();
    document.write(request.responseText);
    document.close();
  });
  request.addEventListener("error", function () { form.submit(); });
  request.send(new FormData(form));
});
