// What the course theme's inline script does: apply the stored theme.
(function () {
  var t = localStorage.getItem("course.theme");
  if (t === "dark" || t === "light") document.documentElement.setAttribute("data-theme", t);
})();
