// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::test {

// A picture of the whole X screen, as a person would see it, for GUI tests run under Xvfb with
// the xcb platform (the offscreen platform has no screen to take). Only when the environment
// variable FUMI_XVFB_SCREENSHOT_DIR names a directory: then the screen is saved there as
// `fileName` with ImageMagick's `import -window root`. Returns the path saved; an empty string
// when the variable is not set, or when the capture failed, with `error` saying why.
[[nodiscard]] QString captureXvfbScreen(const QString &fileName, QString *error);

} // namespace fumi::test
