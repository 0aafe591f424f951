// The posture dashboard's readiness chart. Data comes from data-* attributes (no inline script, CSP-safe); the same
// figures are in the table beside it for screen readers and for anyone without JavaScript.
(() => {
    const canvas = document.getElementById("posture-chart");
    if (!canvas || typeof Chart === "undefined") {
        return;
    }

    const labels = canvas.dataset.labels.split("|");
    const values = canvas.dataset.values.split("|").map(Number);
    new Chart(canvas, {
        type: "bar",
        data: {
            labels,
            datasets: [{ label: "% of requirements met", data: values, backgroundColor: "#198754" }],
        },
        options: {
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } } },
            plugins: { legend: { display: false } },
        },
    });
})();
