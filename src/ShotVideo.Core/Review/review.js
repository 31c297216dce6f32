"use strict";
// The animatic: each player plays its clips one after another, moving to the next when one ends. The playlist item
// of the clip in the player carries aria-current="true", and the player its index in data-current.
for (const player of document.querySelectorAll("[data-player]")) {
  const video = player.querySelector("video");
  const items = Array.from(player.querySelectorAll("[data-clip-src]"));
  const status = player.querySelector("[data-player-status]");
  let current = 0;

  const show = (index, play) => {
    current = index;
    items.forEach((item, i) => {
      if (i === index) {
        item.setAttribute("aria-current", "true");
      } else {
        item.removeAttribute("aria-current");
      }
    });
    const item = items[index];
    if (video.getAttribute("src") !== item.dataset.clipSrc) {
      video.setAttribute("src", item.dataset.clipSrc);
      if (item.dataset.poster) {
        video.setAttribute("poster", item.dataset.poster);
      } else {
        video.removeAttribute("poster");
      }
    } else {
      video.currentTime = 0;
    }
    player.dataset.current = String(index);
    player.dataset.state = play ? "playing" : "ready";
    status.textContent = "Clip " + (index + 1) + " of " + items.length + ": " + item.dataset.label;
    if (play) {
      video.play().catch(() => {
        status.textContent += " (press play on the video to start)";
      });
    }
  };

  player.querySelector("[data-action=play]").addEventListener("click", () => show(0, true));
  player.querySelector("[data-action=previous]").addEventListener("click", () => show(Math.max(0, current - 1), true));
  player.querySelector("[data-action=next]").addEventListener("click", () => show(Math.min(items.length - 1, current + 1), true));
  items.forEach((item, i) => item.addEventListener("click", () => show(i, true)));
  video.addEventListener("ended", () => {
    if (current + 1 < items.length) {
      show(current + 1, true);
    } else {
      player.dataset.state = "finished";
      status.textContent = "Finished: " + items.length + " clips played";
    }
  });
}

// One video at a time: starting any video pauses the others.
document.addEventListener("play", (event) => {
  for (const other of document.querySelectorAll("video")) {
    if (other !== event.target) {
      other.pause();
    }
  }
}, true);
