#!/usr/bin/env node
import "../dist/cli/weft.js";
