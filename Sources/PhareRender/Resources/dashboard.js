// Phare dashboard: small enhancements. Every page works without this script.
// A selector marked data-autosubmit submits its form as soon as it changes.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
// A form marked data-progress (the import form) is sent in the background so that the
// <progress> it names shows how much of the file has gone, then that the server is checking it;
// the answer page then replaces this one (the listeners stay: they are on the document). The
// words come from the form's data-sending and data-checking attributes. Without this script, or
// when the background request fails, the form is sent as usual.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form || !form.dataset || !form.dataset.progress || !window.FormData || !window.XMLHttpRequest) return;
  var bar = document.getElementById(form.dataset.progress);
  if (!bar) return;
  var status = bar.parentNode;
  var words = status.querySelector("output");
  var button = form.querySelector("button[type=submit]");
  event.preventDefault();
  var request = new XMLHttpRequest();
  request.open("POST", form.action);
  request.responseType = "document";
  status.hidden = false;
  if (button) button.disabled = true;
  function say(text) { if (words) words.textContent = text; }
  request.upload.addEventListener("progress", function (progress) {
    if (!progress.lengthComputable) return;
    var percent = Math.round((100 * progress.loaded) / progress.total);
    bar.value = percent;
    say((form.dataset.sending || "") + " " + percent + " % (" + (progress.loaded / 1048576).toFixed(1) + " / " +
      (progress.total / 1048576).toFixed(1) + " MiB)");
  });
  request.upload.addEventListener("load", function () {
    bar.removeAttribute("value");
    say(form.dataset.checking || "");
  });
  request.addEventListener("load", function () {
    var answer = request.response;
    if (!answer || !answer.documentElement) { form.submit(); return; }
    document.replaceChild(document.adoptNode(answer.documentElement), document.documentElement);
    window.scrollTo(0, 0);
  });
  request.addEventListener("error", function () { form.submit(); });
  request.send(new FormData(form));
});
