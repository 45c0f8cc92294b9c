// Shows the hint that e-mail gets lost when e-mail is chosen as a contact channel (the after-care thesis, 2015).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-email-hint]").forEach((select) => {
    const hint = document.getElementById(select.dataset.emailHint);
    if (!hint) return;
    const toggle = () => { hint.hidden = select.value !== "email"; };
    select.addEventListener("change", toggle);
    toggle();
  });
});
