"""Writes the inputs of bench/scaling.sh: one report file per size, of my own words, whose hard part
grows: a long report (MB), a plan listing figures joined by 、 or by commas, growth rates, 一、 headings,
and a page whose one tag holds many attributes. Usage: scaling_inputs.py OUT_DIR"""
import os
import sys

HEAD = ("青山镇2024年政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n"
        "一、2023年工作回顾\n一年来，全镇地区生产总值达到12.5亿元，增长6.1%。\n二、2024年工作安排\n主要预期目标：\n")
TAIL = "让我们团结一心，再创佳绩。\n"
PARA = "一年来，全镇地区生产总值达到12.5亿元，增长6.1%，我们坚持稳中求进，推进乡村振兴，办好民生实事。\n"


def long_report(mb):
    return HEAD + PARA * int(mb * 1e6 / len(PARA.encode())) + TAIL


def one_sentence(mb):
    """A report whose review never ends a sentence: clauses joined by commas only."""
    clause = "全镇地区生产总值达到12.5亿元，增长6.1%，我们坚持稳中求进，推进乡村振兴，"
    return HEAD.replace("主要预期目标：\n", "") + clause * int(mb * 1e6 / len(clause.encode())) + "。\n" + TAIL


def plan_list(n, sep):
    return HEAD + sep.join(f"第{i}项收入达到{i % 97 + 1}.{i % 10}亿元" for i in range(n)) + "。\n" + TAIL


def growths(n):
    return HEAD + "一年来，" + "，".join(f"指标{i}增长{i % 50 + 1}.{i % 10}%" for i in range(n)) + "。\n" + TAIL


def headings(n):
    return HEAD + "\n".join(f"一、工作{i}" for i in range(n)) + "\n" + TAIL


def attributes(n):
    attrs = " ".join(f'a{i}="v"' for i in range(n))
    return f"<html><head><title>青山镇2024年政府工作报告</title></head><body><div {attrs}><p>{long_report(0.01)}</p></div></body></html>"


def main(out):
    os.makedirs(out, exist_ok=True)
    files = {}
    for mb in (1, 4, 16):
        files[f"report-{mb:02}MB.txt"] = long_report(mb)
        files[f"sentence-{mb:02}MB.txt"] = one_sentence(mb)
    for n in (2000, 8000, 32000):
        files[f"list-dun-{n:06}.txt"] = plan_list(n, "、")
        files[f"list-comma-{n:06}.txt"] = plan_list(n, "，")
        files[f"growths-{n:06}.txt"] = growths(n)
        files[f"headings-{n:06}.txt"] = headings(n)
    for n in (62500, 250000, 1000000):
        files[f"attributes-{n:07}.html"] = attributes(n)
    for name, text in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1])
