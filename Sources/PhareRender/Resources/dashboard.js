// Phare dashboard: small enhancements. Every page works without this script.
// A selector marked data-autosubmit submits its form as soon as it changes.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
