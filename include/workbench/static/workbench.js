// The workbench's only script, served from the app itself: the Content-Security-Policy allows no inline script.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // 全选本页: the header checkbox of the flag list ticks every flag of the page.
  const all = document.getElementById("check-all");
  if (all) {
    all.addEventListener("change", () => {
      for (const box of document.querySelectorAll("input[name=flag_id]")) box.checked = all.checked;
    });
  }
  // Forms that ask before they submit (data-confirm="..."), e.g. an amount recovered above the money at issue.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
});
