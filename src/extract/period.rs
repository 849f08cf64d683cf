//! Periods: the time a figure covers (全年, 1-11月, 上半年, 前三季度), from the text and the
//! report's years.
