//! The number reader: quantities as these reports write them (74.23亿元, 两百万余元, 5-8分钟,
//! 增长23.75%), with multipliers folded into base units in one place.
