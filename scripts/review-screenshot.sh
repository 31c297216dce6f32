#!/usr/bin/env bash
# Remakes docs/review-page.png: the review page of the sample story (fixtures/stories/lantern-keepers, stub clips,
# a staged mix of outcomes), full page at 1280 px wide in headless Chromium. It runs the screenshot test, which saves
# its picture where SHOTVIDEO_REVIEW_SCREENSHOT says; pngquant then cuts it to a palette so the repository stays small.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh chromium pngquant
SHOTVIDEO_REVIEW_SCREENSHOT="$PWD/docs/review-page.png" dotnet test tests/ShotVideo.Core.Tests \
  --filter "FullyQualifiedName=ShotVideo.Tests.Review.ReviewPageBrowserTests.A_full_page_screenshot_is_laptop_wide"
pngquant --force --skip-if-larger --strip --quality 70-95 --output docs/review-page.png docs/review-page.png
ls -l docs/review-page.png
