// Draws each <canvas data-chart="id"> from the JSON script tag of that id (Chart.js, vendored).
// The table beside each chart holds the same numbers, so the page reads and prints without JavaScript.
(function () {
  "use strict";
  var colours = ["#1f5fa8", "#b3541e", "#2e7d32", "#6a1b9a", "#00838f", "#795548"];
  function draw() {
    if (typeof Chart === "undefined") { return; }
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source || canvas.dataset.drawn) { return; }
      var data = JSON.parse(source.textContent);
      var datasets = data.series.map(function (series, i) {
        return {
          label: series.label,
          data: series.data,
          backgroundColor: colours[i % colours.length],
          borderColor: colours[i % colours.length],
          type: series.type || canvas.dataset.type || "bar",
          fill: false
        };
      });
      if (data.target !== undefined) {
        datasets.push({
          label: data.target_label,
          data: data.labels.map(function () { return data.target; }),
          type: "line",
          borderColor: "#000",
          borderDash: [6, 4],
          pointRadius: 0,
          fill: false
        });
      }
      new Chart(canvas, {
        type: canvas.dataset.type || "bar",
        data: { labels: data.labels, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: datasets.length > 1 } },
          scales: { y: { beginAtZero: true } }
        }
      });
      canvas.dataset.drawn = "1";
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
  window.addEventListener("beforeprint", function () {
    if (typeof Chart === "undefined") { return; }
    Object.values(Chart.instances).forEach(function (chart) { chart.resize(); });
  });
})();
