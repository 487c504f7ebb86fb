ReportSiteSearch.add("meta", {"format":2,
"termShards":1,
"termFile":"search/data/terms-{n}.js",
"reportFile":"search/data/r/{slug}.js",
"reports":[{"slug":"hostile-2024","label":"某市\"><img src=x onerror=alert(1)>2024年<script>alert('title')</script>政府工作报告","url":"reports/hostile-2024/index.html","docs":10,"length":195}],
"topics":[{"key":"ecology","name":"生态环境"},
{"key":"education","name":"教育"},
{"key":"industry","name":"产业发展"}]});
