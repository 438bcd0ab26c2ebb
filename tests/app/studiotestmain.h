#pragma once
// main() for the studio's GUI tests: a QMP host (workers are this binary re-run), a QApplication
// on the offscreen platform, and settings kept away from the user's (QStandardPaths test mode).
#include "qmptempdirs.h"
#include "runtime.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTest>

#define QMP_STUDIO_TEST_MAIN(TestObject) \
    int main(int argc, char *argv[]) \
    { \
        qmp::Runtime runtime(argc, argv); \
        QStandardPaths::setTestModeEnabled(true); \
        QCoreApplication::setOrganizationName(QStringLiteral("QMP-tests")); \
        QCoreApplication::setApplicationName(QStringLiteral(#TestObject)); \
        QApplication app(argc, argv); \
        TestObject tc; \
        QTEST_SET_MAIN_SOURCE_PATH \
        return qmptest::runTestsLeavingNoTemporaryEntries(tc, argc, argv); \
    }
