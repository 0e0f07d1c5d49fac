// Upload progress: htmx reports XHR progress; show it in the <progress> element.
document.addEventListener("htmx:xhr:progress", function (evt) {
  var bar = document.getElementById("upload-progress");
  if (bar && evt.detail.lengthComputable) {
    bar.max = evt.detail.total;
    bar.value = evt.detail.loaded;
  }
});
