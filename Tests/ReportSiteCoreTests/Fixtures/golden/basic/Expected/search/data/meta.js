ReportSiteSearch.add("meta", {"format":2,
"termShards":1,
"termFile":"search/data/terms-{n}.js",
"reportFile":"search/data/r/{slug}.js",
"reports":[{"slug":"demo-city-2024","label":"示例市2024年政府工作报告","url":"reports/demo-city-2024/index.html","docs":14,"length":201},
{"slug":"demo-province-2025","label":"示例省2025年政府工作报告","url":"reports/demo-province-2025/index.html","docs":11,"length":151}],
"topics":[{"key":"ecology","name":"生态环境"},
{"key":"education","name":"教育"},
{"key":"industry","name":"产业发展"}]});
