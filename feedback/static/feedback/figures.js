// NPS per quarter against the baseline as a line chart; the table beside it holds the same figures.
document.addEventListener("DOMContentLoaded", function () {
  var canvas = document.getElementById("nps-chart");
  var source = document.getElementById("nps-chart-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var datasets = [{ label: data.label, data: data.nps, borderColor: "#0b5394", backgroundColor: "#0b5394", spanGaps: true }];
  if (data.baseline !== null) {
    datasets.push({
      label: data.baseline_label,
      data: data.labels.map(function () { return data.baseline; }),
      borderColor: "#6c3d00",
      borderDash: [6, 4],
      pointRadius: 0,
    });
  }
  new Chart(canvas, {
    type: "line",
    data: { labels: data.labels, datasets: datasets },
    options: { scales: { y: { min: -100, max: 100 } } },
  });
});
