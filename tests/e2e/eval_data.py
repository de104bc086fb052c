#!/usr/bin/env python3
"""eval_data.py DIR - writes a small hand-made output folder DIR/out and
ground truth DIR/gt for the eval end-to-end tests (eval.sh, eval_browser.sh).

  p1 (English, truth as articles.json): two truth articles; the output has
     them in swapped order, one with one wrong character, plus an invented
     third article; repairs.json with 2 "doubled" and 1 "spacing".
  p2 (Chinese, truth as per-article text files in gt/p2/articles/): one
     article, one wrong character (in the headline).
  p3 (truth p3.json): the page folder exists but has no articles.json (the
     page failed).
  The numbers these give are worked out by hand in eval.sh.
"""
import json
import os
import sys

root = sys.argv[1]
out, gt = os.path.join(root, "out"), os.path.join(root, "gt")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def art(aid, headline, body):
    return {"id": aid, "headline": headline, "body": body, "lang": "eng",
            "bbox": [0, 0, 10, 10], "blocks": []}


def page(pid, articles):
    return json.dumps({"format": "broadsheet-articles", "version": 1,
                       "page": {"id": pid, "source": pid + ".png", "width": 100,
                                "height": 100, "dpi": 300, "lang": "eng"},
                       "articles": articles,
                       "reading_order": [a["id"] for a in articles],
                       "columns": [], "blocks": []}, ensure_ascii=False)


write(os.path.join(gt, "p1.json"), page("p1", [
    art("a001", "Harbor Tram Line Wins", "The council voted seven to two."),
    art("a002", "Rain Expected", "Heavy rain is expected on Friday.")]))
write(os.path.join(out, "p1", "articles.json"), page("p1", [
    art("a001", "Rain Expected", "Heavy rain is expectcd on Friday."),
    art("a002", "Harbor Tram Line Wins", "The council voted seven to two."),
    art("a003", "", "Advertisement")]))
write(os.path.join(out, "p1", "repairs.json"), json.dumps({
    "format": "broadsheet-repairs", "version": 1, "repairs": [
        {"kind": "doubled", "block": "b1", "before": "x", "after": "y"},
        {"kind": "spacing", "block": "b1", "before": "x", "after": "y"},
        {"kind": "doubled", "block": "b2", "before": "<b>&", "after": "y"}]}))

write(os.path.join(gt, "p2", "articles", "a001.txt"), "北京欢迎你\n\n今天天气很好。\n")
write(os.path.join(out, "p2", "articles.json"), page("p2", [
    art("a001", "北京欢迎您", "今天天气很好。")]))

write(os.path.join(gt, "p3.json"), page("p3", [
    art("a001", "Missing Page", "Nothing here.")]))
write(os.path.join(out, "p3", "image.png"), "")
