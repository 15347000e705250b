"""The 填报表 round trip: sheets over several days, phases and budget execution, print."""
