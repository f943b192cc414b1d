// Plays a few ticks of {{name}}'s decision in Node, without wasm:
// `npm test`.

import { test } from "node:test";
import assert from "node:assert/strict";

import { decide, init, tick } from "./bot.js";

// GAME.md's default rules.
const attack = (startup, active, recovery, reach, damage, chip, hitStun, blockStun) => ({
  startup, active, recovery, reach, damage, chip, hitStun, blockStun,
});
const rules = {
  stageWidth: 1000, bodyWidth: 60, roundTicks: 1800, roundsToWin: 2, maxRounds: 5,
  hitPoints: 1000, maxEnergy: 1000, energyPerTick: 1, energyOnHit: 60, energyOnGuard: 30,
  walkForwardSpeed: 6, walkBackSpeed: 4, jumpTicks: 36, jumpSpeed: 8, hitPushback: 20,
  guardPushback: 10, counterHitBonusPercent: 20, fireballSpeed: 8, fireballCost: 500,
  punch: attack(4, 2, 8, 70, 50, 10, 14, 8),
  kick: attack(9, 3, 16, 110, 90, 18, 20, 12),
  throw: attack(5, 1, 20, 20, 120, 0, 30, 0),
  fireball: attack(12, 1, 20, 0, 100, 20, 18, 10),
  tickFuel: 5_000_000n, maxThinkTicks: 60,
};

const fighter = (x, changes = {}) => ({
  x, y: 0, hitPoints: 1000, energy: 0, action: "idle", phase: undefined, phaseTicksLeft: 0,
  stunTicksLeft: 0, airborne: false, crouching: false, guarding: false, fireballX: undefined,
  ...changes,
});

// Both fighters standing, `gap` apart (body edge to body edge).
const observe = (gap, opponent = {}) => ({
  tick: 0, ticksLeft: 1800, round: 1, myWins: 0, opponentWins: 0, opponentLastAction: "idle",
  me: fighter(300), opponent: fighter(300 + 60 + gap, opponent),
});

test("walks in from afar", () => {
  assert.equal(decide(rules, observe(340)), "forward");
});

test("attacks in reach", () => {
  assert.equal(decide(rules, observe(50)), "punch");
  assert.equal(decide(rules, observe(100)), "kick");
});

test("throws a guard", () => {
  assert.equal(decide(rules, observe(10, { guarding: true })), "throw");
});

test("guards a punch on its way", () => {
  assert.equal(decide(rules, observe(60, { action: "punch", phase: "startup" })), "guard");
});

test("the exports, as the host calls them", () => {
  init({ rules, round: 1, seed: 7n });
  assert.equal(tick(observe(50)), "punch");
});
