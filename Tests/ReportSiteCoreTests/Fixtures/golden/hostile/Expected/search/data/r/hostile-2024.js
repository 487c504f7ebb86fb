ReportSiteSearch.add("r/hostile-2024", {"groups":[0,1,1,1,2,8],
"docs":[
[4,"各位代表："],
[104,"一、生态环境"],
[204,"（一）污染防治"],
[4,"生态优先。行内脚本alert('inline')不会执行，也不会。",0],
[12,"脚本链接、大写脚本、数据链接、VB、本地文件。"],
[9,"数据图片和远程图片。"],
[9,"带引号的链接与标题。"],
[6,"污染防治攻坚。空气质量持续改善<script>alert('code')</script>。",0],
[12,"<script>alert('fenced')</script>\n"],
[6,"主要指标如下：指标 2024年目标；地区生产总值增长 5%左右；<script>alert('cell')</script> & \"引号\" 'x' onmouseover=alert(1)；收入|支出 **不加粗** [不链接](javascript:alert(1))"]]});
