// The menu bar and the toolbar, laid out from StudioActions.
#pragma once

class QComboBox;
class QMainWindow;

namespace kusari::studio {

struct StudioActions;
struct StudioDocks;

void buildMenus(QMainWindow* window, const StudioActions& actions, const StudioDocks& docks);
// Returns the device combo box placed at the toolbar's end.
QComboBox* buildToolBar(QMainWindow* window, const StudioActions& actions);

}  // namespace kusari::studio
