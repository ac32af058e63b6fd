// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  var zone = document.getElementById("tz");
  try {
    var name = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && name && !zone.value) { zone.value = name; zone.disabled = false; }
  } catch (e) { /* no Intl: times stay in each group's own zone */ }

  var button = document.getElementById("use-location");
  if (!button || !("geolocation" in navigator)) { return; }
  var status = document.getElementById("location-status");
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "Asking your browser for your location…";
    navigator.geolocation.getCurrentPosition(function (position) {
      var form = button.form;
      form.elements.lat.value = position.coords.latitude.toFixed(3);
      form.elements.lon.value = position.coords.longitude.toFixed(3);
      form.elements.lat.disabled = false;
      form.elements.lon.disabled = false;
      form.elements.place.value = "";
      status.textContent = "Searching near you…";
      form.submit();
    }, function () {
      status.textContent = "Your location is not available. Type a town, city or postcode instead.";
    }, { maximumAge: 600000, timeout: 15000 });
  });
})();
